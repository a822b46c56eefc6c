import { Select } from 'antd';
import { useMemo } from 'react';
import { useUnits } from '../api/hooks';
import type { Unit } from '../api/types';
import { fold } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';

interface Option {
  value: string;
  label: string;
  search: string;
}

/** Pick a unit by typing part of its name, short name or alias (accents optional). */
export function UnitSelect({
  value,
  onChange,
  exclude,
  placeholder,
  allowClear = true,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  exclude?: Set<string>;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
}) {
  const { t } = useI18n();
  const units = useUnits({});
  const options = useMemo<Option[]>(
    () =>
      (units.data ?? [])
        .filter((unit: Unit) => unit.isActive && !exclude?.has(unit.id))
        .map((unit) => ({
          value: unit.id,
          label: unit.shortName && unit.shortName !== unit.name ? `${unit.name} (${unit.shortName})` : unit.name,
          search: fold([unit.name, unit.shortName ?? '', ...unit.aliases, unit.code ?? ''].join(' ')),
        })),
    [units.data, exclude],
  );

  return (
    <Select<string, Option>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={units.isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t('unit.pickUnit')}
      showSearch={{
        filterOption: (input, option) => {
          const words = fold(input).split(/\s+/).filter(Boolean);
          return words.every((word) => option?.search.includes(word) ?? false);
        },
      }}
      notFoundContent={t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
