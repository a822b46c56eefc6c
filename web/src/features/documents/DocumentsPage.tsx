import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Pagination,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocuments } from '../../api/hooks';
import type { DocumentFilter, DocumentSummary } from '../../api/types';
import { allows, useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { DATE_FORMAT } from '../../components/IsoDatePicker';
import { FileIcon, PlusIcon } from '../../components/icons';
import { PageTitle } from '../../components/PageTitle';
import { useDebounced } from '../../components/useDebounced';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { DocumentFormModal } from './DocumentFormModal';
import { DOC_TYPES } from './docTypes';

const PAGE_SIZE = 20;

function SymbolCell({ doc }: { doc: DocumentSummary }) {
  const { t } = useI18n();
  return doc.symbol ? <span className="tk-nowrap">{doc.symbol}</span> : <Tag>{t('plan.noNumber')}</Tag>;
}

export default function DocumentsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [showFilters, setShowFilters] = useState(false);

  const q = params.get('q') ?? '';
  const systemParam = params.get('system');
  const system = systemParam === 'party' || systemParam === 'state' ? systemParam : undefined;
  const typeCode = params.get('type') ?? undefined;
  const issuer = params.get('issuer') ?? '';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const [search, setSearch] = useState(q);
  const [issuerText, setIssuerText] = useState(issuer);
  const settledSearch = useDebounced(search.trim(), 300);
  const settledIssuer = useDebounced(issuerText.trim(), 300);

  const update = (changes: Record<string, string | undefined>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  // Typing in the boxes updates the address (and the request) once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled text matters
  useEffect(() => {
    if (settledSearch !== q) update({ q: settledSearch || undefined });
  }, [settledSearch]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled text matters
  useEffect(() => {
    if (settledIssuer !== issuer) update({ issuer: settledIssuer || undefined });
  }, [settledIssuer]);

  // The server's search covers the issuer's name too (every word must match), so the issuer
  // box narrows the same search.
  const words = [q, issuer].filter(Boolean).join(' ');
  const filter: DocumentFilter = {
    q: words || undefined,
    system,
    typeCode,
    from,
    to,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const documents = useDocuments(filter);
  const filtered = !!(q || system || typeCode || issuer || from || to);
  const activeFilters = [system, typeCode, issuer, from || to].filter(Boolean).length;
  const items = documents.data?.items ?? [];
  const total = documents.data?.total ?? 0;

  const range: [Dayjs | null, Dayjs | null] | null =
    from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;

  const reset = () => {
    setSearch('');
    setIssuerText('');
    setParams(new URLSearchParams(), { replace: true });
  };

  const columns: TableColumnsType<DocumentSummary> = [
    { title: t('doc.symbol'), dataIndex: 'symbol', width: 150, render: (_, doc) => <SymbolCell doc={doc} /> },
    {
      title: t('doc.title'),
      dataIndex: 'title',
      render: (_, doc) => (
        <>
          <Link to={`/documents/${doc.id}`} onClick={(event) => event.stopPropagation()}>
            {doc.typeName ? <span className="tk-muted">{doc.typeName} · </span> : null}
            {doc.title}
          </Link>
          <div className="tk-row-tags">
            {doc.planId ? (
              <Tag color="red" className="tk-inline-tag tk-first">
                {t('doc.hasPlan')}
              </Tag>
            ) : null}
            {doc.file ? (
              <Tag className="tk-inline-tag tk-first" title={doc.file.name}>
                <FileIcon /> {t('doc.hasFile')}
              </Tag>
            ) : null}
          </div>
        </>
      ),
    },
    {
      title: t('doc.issuer'),
      dataIndex: 'issuer',
      width: 220,
      render: (_, doc) => doc.issuerUnit?.name ?? doc.issuer ?? '',
    },
    { title: t('doc.date'), dataIndex: 'date', width: 136, render: (value: string | null) => formatDate(value) },
  ];

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total,
    showSizeChanger: false,
    showTotal: (count: number) => t('documents.total', { count }),
    onChange: (next: number) => update({ page: next > 1 ? String(next) : undefined }),
  };

  return (
    <>
      <PageTitle
        title={t('documents.title')}
        extra={
          allows(me, 'document.create') ? (
            <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="add-document">
              {t('documents.add')}
            </Button>
          ) : null
        }
      >
        {t('documents.title')}
      </PageTitle>

      <div className="tk-filters" data-testid="document-filters">
        <Input.Search
          className="tk-filter-search"
          placeholder={t('documents.searchPlaceholder')}
          aria-label={t('documents.search')}
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          data-testid="document-search"
        />
        {isMobile ? (
          <Button onClick={() => setShowFilters(!showFilters)} aria-expanded={showFilters} data-testid="toggle-filters">
            {activeFilters > 0 ? t('documents.filtersCount', { count: activeFilters }) : t('documents.filters')}
          </Button>
        ) : null}
        {!isMobile || showFilters ? (
          <>
            <Select
              className="tk-filter-select"
              placeholder={t('doc.system')}
              aria-label={t('doc.system')}
              allowClear
              value={system}
              onChange={(value?: string) => update({ system: value })}
              options={[
                { value: 'party', label: t('system.party') },
                { value: 'state', label: t('system.state') },
              ]}
            />
            <Select
              className="tk-filter-select"
              placeholder={t('doc.typeName')}
              aria-label={t('doc.typeName')}
              allowClear
              value={typeCode}
              onChange={(value?: string) => update({ type: value })}
              options={DOC_TYPES.map((type) => ({
                value: type.code,
                label: `${label('docType', type.code, type.name)} (${type.code})`,
              }))}
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
            />
            <Input
              className="tk-filter-select tk-filter-wide"
              placeholder={t('doc.issuer')}
              aria-label={t('doc.issuer')}
              allowClear
              value={issuerText}
              onChange={(event) => setIssuerText(event.target.value)}
            />
            <DatePicker.RangePicker
              className="tk-filter-range"
              format={DATE_FORMAT}
              value={range}
              onChange={(next) =>
                update({ from: next?.[0]?.format('YYYY-MM-DD'), to: next?.[1]?.format('YYYY-MM-DD') })
              }
              placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
              allowEmpty={[true, true]}
            />
          </>
        ) : null}
        {filtered ? <Button onClick={reset}>{t('action.reset')}</Button> : null}
      </div>

      {documents.isError ? (
        <ErrorResult error={documents.error} onRetry={() => void documents.refetch()} />
      ) : isMobile ? (
        <div className="tk-stack">
          <div className="tk-card-list" data-testid="document-list">
            {documents.isPending ? <Card loading size="small" /> : null}
            {!documents.isPending && items.length === 0 ? (
              <Empty description={filtered ? t('documents.noMatch') : t('documents.empty')} />
            ) : null}
            {items.map((doc) => (
              <Link key={doc.id} to={`/documents/${doc.id}`} className="tk-card-link" data-testid="document-row">
                <Card size="small" hoverable>
                  <div className="tk-small tk-muted">
                    {[doc.typeName, doc.symbol || t('plan.noNumber')].filter(Boolean).join(' · ')}
                  </div>
                  <div className="tk-card-title">{doc.title}</div>
                  <div className="tk-small tk-muted">
                    {[doc.issuerUnit?.name ?? doc.issuer, formatDate(doc.date)].filter(Boolean).join(' · ')}
                  </div>
                  {doc.planId || doc.file ? (
                    <div className="tk-row-tags">
                      {doc.planId ? (
                        <Tag color="red" className="tk-inline-tag tk-first">
                          {t('doc.hasPlan')}
                        </Tag>
                      ) : null}
                      {doc.file ? (
                        <Tag className="tk-inline-tag tk-first">
                          <FileIcon /> {t('doc.hasFile')}
                        </Tag>
                      ) : null}
                    </div>
                  ) : null}
                </Card>
              </Link>
            ))}
          </div>
          {total > PAGE_SIZE ? <Pagination {...pagination} simple align="center" /> : null}
        </div>
      ) : (
        <Table<DocumentSummary>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={documents.isFetching}
          pagination={total > PAGE_SIZE ? pagination : false}
          locale={{ emptyText: <Empty description={filtered ? t('documents.noMatch') : t('documents.empty')} /> }}
          onRow={(doc) => ({
            onClick: () => navigate(`/documents/${doc.id}`),
            className: 'tk-clickable',
            'data-testid': 'document-row',
          })}
          scroll={{ x: 860 }}
          data-testid="document-table"
          footer={total > 0 && total <= PAGE_SIZE ? () => t('documents.total', { count: total }) : undefined}
        />
      )}

      {creating ? (
        <DocumentFormModal
          onClose={() => setCreating(false)}
          onSaved={(doc) => {
            setCreating(false);
            void message.success(t('doc.created'));
            navigate(`/documents/${doc.id}`);
          }}
        />
      ) : null}
    </>
  );
}
