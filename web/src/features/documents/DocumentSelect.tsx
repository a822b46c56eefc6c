import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useDocuments } from '../../api/hooks';
import type { DocumentSummary } from '../../api/types';
import { useDebounced } from '../../components/useDebounced';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

interface Option {
  value: string;
  label: string;
}

export function documentName(doc: Pick<DocumentSummary, 'typeName' | 'symbol' | 'date'>, noNumber: string): string {
  return [doc.typeName, doc.symbol || noNumber, doc.date ? formatDate(doc.date) : null].filter(Boolean).join(' · ');
}

/** Pick a registered document by typing part of its symbol or title (searched on the server). */
export function DocumentSelect({
  value,
  onChange,
  excludeId,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  excludeId?: string;
  id?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const documents = useDocuments({ q: q || undefined, limit: 20, offset: 0 });
  const [picked, setPicked] = useState<Option | null>(null);

  const options = useMemo<Option[]>(() => {
    const list = (documents.data?.items ?? [])
      .filter((doc) => doc.id !== excludeId)
      .map((doc) => ({ value: doc.id, label: `${documentName(doc, t('plan.noNumber'))} — ${doc.title}` }));
    if (picked && !list.some((option) => option.value === picked.value)) list.unshift(picked);
    return list;
  }, [documents.data, excludeId, picked, t]);

  return (
    <Select<string, Option>
      id={id}
      value={value ?? undefined}
      onChange={(next, option) => {
        setPicked(Array.isArray(option) ? null : (option ?? null));
        onChange?.(next ?? null);
      }}
      options={options}
      allowClear
      placeholder={t('doc.pickDocument')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={documents.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      optionRender={(option) => <span className="tk-option-wrap">{option.label}</span>}
      style={{ width: '100%' }}
      data-testid="document-select"
    />
  );
}
