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

function Json({ value, label }: { value: unknown; label: string }) {
  const { t } = useI18n();
  return (
    <div className="tk-json">
      <div className="tk-closing-label">{label}</div>
      {value === null || value === undefined ? (
        <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>
      ) : (
        <pre>{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

function entityLink(row: AuditRow) {
  if (!row.entityId) return null;
  if (row.entityType === 'unit' || row.entityType === 'org_unit')
    return <Link to={`/units/${row.entityId}`}>{row.entityId}</Link>;
  if (row.entityType === 'plan') return <Link to={`/plans/${row.entityId}`}>{row.entityId}</Link>;
  return <span className="tk-mono">{row.entityId}</span>;
}

export default function AuditPage() {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const isMobile = useIsMobile();

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
      width: 160,
      render: (name: string | null) => name ?? t('audit.system'),
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
            {formatDateTime(row.at)} · {row.actorName ?? t('audit.system')}
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
            expandedRowRender: (row) => (
              <div className="tk-json-pair">
                <Json label={t('audit.before')} value={row.before} />
                <Json label={t('audit.after')} value={row.after} />
              </div>
            ),
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
