import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useUnit, useUnits } from '../api/hooks';
import type { Unit } from '../api/types';
import { fold } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';

interface Option {
  value: string;
  label: string;
  search: string;
}

/**
 * Pick a unit by typing part of its name, short name or alias (accents optional). The first
 * page of the directory is offered at once; typing searches the whole directory on the server,
 * so a national directory of 40,000 units is reachable too.
 */
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
  const [query, setQuery] = useState('');
  const searching = query.trim().length >= 2;
  const units = useUnits({});
  const found = useUnits({ q: query.trim() }, searching);
  const chosen = useUnit(value ?? '');
  const options = useMemo<Option[]>(() => {
    const list: Unit[] = [...((searching ? found.data : units.data) ?? [])];
    const current = value ? chosen.data : undefined;
    if (current && !list.some((unit) => unit.id === current.id)) list.unshift(current);
    return list
      .filter((unit: Unit) => unit.isActive && !exclude?.has(unit.id))
      .map((unit) => ({
        value: unit.id,
        label: unit.shortName && unit.shortName !== unit.name ? `${unit.name} (${unit.shortName})` : unit.name,
        search: fold([unit.name, unit.shortName ?? '', ...unit.aliases, unit.code ?? ''].join(' ')),
      }));
  }, [searching, found.data, units.data, value, chosen.data, exclude]);

  return (
    <Select<string, Option>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={units.isPending || (searching && found.isFetching)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('unit.pickUnit')}
      showSearch={{
        onSearch: setQuery,
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
