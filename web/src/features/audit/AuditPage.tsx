import { AutoComplete, Button, DatePicker, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAudit } from '../../api/hooks';
import type { AuditFilter, AuditRow } from '../../api/types';
import { ErrorResult } from '../../components/ErrorResult';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

const PAGE_SIZE = 20;
const DATE_FORMAT = 'DD/MM/YYYY';

interface Filters {
  entityType: string;
  action: string;
  actor: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

const EMPTY: Filters = { entityType: '', action: '', actor: '', range: null };

function Value({
  value,
  label,
  names = {},
}: {
  value: unknown;
  label?: string | undefined;
  names?: Record<string, string>;
}) {
  const { t, label: labelOf } = useI18n();
  if (label) return <>{label}</>;
  if (value === null || value === undefined || value === '')
    return <span className="tk-muted">{t('audit.empty')}</span>;
  if (typeof value === 'boolean') return <>{value ? t('audit.yes') : t('audit.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') return <>{String(value)}</>;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return <>{value.join('; ')}</>;
  if (Array.isArray(value))
    return (
      <>
        {value.map((v, i) =>
          typeof v === 'object' && v && 'role' in v ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list inside one audit row
            <Tag key={i}>
              {labelOf('access.role', String((v as { role: unknown }).role))}
              {grantUnit(v, names)}
            </Tag>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list inside one audit row
            <code key={i}>{JSON.stringify(v)} </code>
          ),
        )}
      </>
    );
  return <code>{JSON.stringify(value)}</code>;
}

/** ": Xã Tà Xùa" for a grant on a unit. */
function grantUnit(v: object, names: Record<string, string>): string {
  const id = (v as { unit_id?: unknown; unitId?: unknown }).unit_id ?? (v as { unitId?: unknown }).unitId;
  return typeof id === 'string' ? `: ${names[id] ?? id}` : '';
}

/** Before → after of the changed fields only, with Vietnamese field names. */
function Changes({ row }: { row: AuditRow }) {
  const { t, label } = useI18n();
  if (row.changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const reason = (c: AuditRow['changes'][number], v: unknown) =>
    c.field === 'reason' && typeof v === 'string' ? label('audit.reason', v) : undefined;
  // A creation or an event has no "before": one column of values.
  const hasBefore = row.changes.some((c) => c.before !== null && c.before !== undefined);
  return (
    <table className="tk-changes" data-testid="audit-changes">
      <thead>
        <tr>
          <th>{t('audit.col.field')}</th>
          {hasBefore ? <th>{t('audit.before')}</th> : null}
          <th>{hasBefore ? t('audit.after') : t('audit.value')}</th>
        </tr>
      </thead>
      <tbody>
        {row.changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{label('audit.field', c.field)}</th>
            {hasBefore ? (
              <td>
                <Value value={c.before} label={c.beforeLabel ?? reason(c, c.before)} names={row.unitNames} />
              </td>
            ) : null}
            <td>
              <Value value={c.after} label={c.afterLabel ?? reason(c, c.after)} names={row.unitNames} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function entityLink(row: AuditRow) {
  if (!row.entityId) {
    const tried = (row.after as { username?: string } | null)?.username;
    return tried ? <span className="tk-mono">{tried}</span> : null;
  }
  const name = row.entityName ?? row.entityId;
  if (row.entityType === 'unit' || row.entityType === 'org_unit')
    return <Link to={`/units/${row.entityId}`}>{name}</Link>;
  if (row.entityType === 'plan') return <Link to={`/plans/${row.entityId}`}>{name}</Link>;
  if (row.entityType === 'document') return <Link to={`/documents/${row.entityId}`}>{name}</Link>;
  return <span>{name}</span>;
}

function useActorName() {
  const { t } = useI18n();
  return (row: AuditRow) =>
    row.actorName === 'system'
      ? t('audit.system')
      : row.actorName === 'anonymous'
        ? t('audit.anonymous')
        : (row.actorDisplayName ?? row.actorName);
}

export default function AuditPage() {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const isMobile = useIsMobile();
  const actorName = useActorName();

  const filter: AuditFilter = {
    entityType: applied.entityType.trim() || undefined,
    action: applied.action.trim() || undefined,
    actor: applied.actor.trim() || undefined,
    from: applied.range?.[0]?.format('YYYY-MM-DD'),
    to: applied.range?.[1]?.format('YYYY-MM-DD'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const audit = useAudit(filter);

  // Suggestions: the values seen so far.
  const [seen, setSeen] = useState<{ entityTypes: Set<string>; actions: Set<string> }>({
    entityTypes: new Set(),
    actions: new Set(),
  });
  const items = audit.data?.items;
  useEffect(() => {
    if (!items) return;
    setSeen((prev) => ({
      entityTypes: new Set([...prev.entityTypes, ...items.map((row) => row.entityType)]),
      actions: new Set([...prev.actions, ...items.map((row) => row.action)]),
    }));
  }, [items]);

  const apply = () => {
    setApplied(draft);
    setPage(1);
  };
  const reset = () => {
    setDraft(EMPTY);
    setApplied(EMPTY);
    setPage(1);
  };

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      width: 200,
      render: (_: string, row) => (
        <>
          <div>{actorName(row)}</div>
          {row.actorDisplayName ? <div className="tk-small tk-mono tk-muted">{row.actorName}</div> : null}
        </>
      ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 170,
      render: (action: string) => <Tag className="tk-wrap-tag">{label('audit.action', action)}</Tag>,
    },
    {
      title: t('audit.col.entity'),
      dataIndex: 'entityType',
      render: (type: string, row) => (
        <>
          <div>{label('entity', type)}</div>
          <div className="tk-small">{entityLink(row)}</div>
        </>
      ),
    },
    {
      title: t('audit.col.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (ip: string | null) => <span className="tk-mono">{ip ?? ''}</span>,
    },
  ];

  const mobileColumns: TableColumnsType<AuditRow> = [
    {
      title: t('audit.col.event'),
      key: 'event',
      render: (_, row) => (
        <div className="tk-audit-cell">
          <div className="tk-small tk-muted">
            {formatDateTime(row.at)} · {actorName(row)}
          </div>
          <div>
            <Tag className="tk-wrap-tag">{label('audit.action', row.action)}</Tag> {label('entity', row.entityType)}
          </div>
          <div className="tk-small">{entityLink(row)}</div>
        </div>
      ),
    },
  ];

  const options = (values: Set<string>, prefix: string) =>
    [...values].sort().map((value) => ({ value, label: `${label(prefix, value)} (${value})` }));

  return (
    <>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <form
        className="tk-filters"
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <AutoComplete
          className="tk-filter-select"
          placeholder={t('audit.filter.entityType')}
          aria-label={t('audit.filter.entityType')}
          value={draft.entityType}
          options={options(seen.entityTypes, 'entity')}
          onChange={(value: string) => setDraft({ ...draft, entityType: value ?? '' })}
          allowClear
        />
        <AutoComplete
          className="tk-filter-select"
          placeholder={t('audit.filter.action')}
          aria-label={t('audit.filter.action')}
          value={draft.action}
          options={options(seen.actions, 'audit.action')}
          onChange={(value: string) => setDraft({ ...draft, action: value ?? '' })}
          allowClear
        />
        <Input
          className="tk-filter-select"
          placeholder={t('audit.filter.actor')}
          aria-label={t('audit.filter.actor')}
          value={draft.actor}
          onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          allowClear
        />
        <DatePicker.RangePicker
          className="tk-filter-range"
          format={DATE_FORMAT}
          value={draft.range}
          onChange={(range) => setDraft({ ...draft, range: range ? [range[0], range[1]] : null })}
          placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
          allowEmpty={[true, true]}
        />
        <div className="tk-actions">
          <Button type="primary" htmlType="submit">
            {t('action.filter')}
          </Button>
          <Button onClick={reset}>{t('action.reset')}</Button>
        </div>
      </form>

      {audit.isError ? (
        <ErrorResult error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <Table<AuditRow>
          rowKey="id"
          size="small"
          columns={isMobile ? mobileColumns : columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          expandable={{
            expandedRowRender: (row) => <Changes row={row} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: audit.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('audit.total', { count: total }),
            onChange: setPage,
          }}
          scroll={isMobile ? undefined : { x: 860 }}
          data-testid="audit-table"
        />
      )}
    </>
  );
}
