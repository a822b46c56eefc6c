import {
  Breadcrumb,
  Button,
  Card,
  Empty,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePlan } from '../../api/hooks';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { type Overview, type OverviewQuery, type OverviewRow, useOverview, usePeriods } from './hooks';

const PAGE_SIZE = 50;
type State = OverviewRow['state'];
type Counts = Overview['counts'];
const STATES: State[] = ['overdue', 'returned', 'submitted', 'not_due', 'cannot_do', 'accepted'];
const FILTERS = [...STATES, 'late', 'on_time'] as const;
type Filter = (typeof FILTERS)[number];
const SORTS = ['state', 'deadline', 'name', 'rate'] as const;
type Sort = (typeof SORTS)[number];

export const STATE_COLORS: Record<State, string> = {
  overdue: 'red',
  returned: 'orange',
  submitted: 'blue',
  not_due: 'default',
  cannot_do: 'purple',
  accepted: 'green',
};

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

function Rate({ row }: { row: OverviewRow }) {
  const { t } = useI18n();
  const r = row.onTime;
  if (r.rate === null) return <span className="tk-muted tk-small">{t('overview.noRate')}</span>;
  const percent = Math.round(r.rate * 100);
  return (
    <Tooltip title={`${t('overview.rateOf', { onTime: r.onTime, expected: r.expected })} — ${t('overview.rateHelp')}`}>
      <span data-testid="rate" className={percent < 50 ? 'tk-rate tk-rate-low' : 'tk-rate'}>
        {percent}%
      </span>
    </Tooltip>
  );
}

/**
 * The monitor's overview of one plan and period (server: GET /plans/:id/overview): counts by
 * state and by level, and every unit × task the viewer may read, filtered, sorted and paged by
 * the server. The filters live in the address, so a drill-down (a district's communes) can be
 * linked and undone with Back.
 */
export default function OverviewPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const plan = usePlan(id);
  const periods = usePeriods(id);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const query: OverviewQuery = {
    period: params.get('period') ?? periods.data?.current ?? undefined,
    level: params.get('level') ?? undefined,
    state: pick<Filter>(params.get('state'), FILTERS),
    parent: params.get('parent') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: pick<Sort>(params.get('sort'), SORTS) ?? 'state',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const overview = useOverview(id, query);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  if (plan.isPending || periods.isPending) return <Loading />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  if (periods.isError) return <ErrorResult error={periods.error} onRetry={() => void periods.refetch()} />;
  const doc = plan.data.document;
  const data = overview.data;
  const number = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

  const stateTag = (row: OverviewRow) => (
    <span className="tk-state">
      <Tag color={STATE_COLORS[row.state]} data-testid="state" data-state={row.state}>
        {t(`overview.state.${row.state}`)}
      </Tag>
      {row.late ? <Tag color="volcano">{t('overview.late')}</Tag> : null}
    </span>
  );
  const unitCell = (row: OverviewRow) => (
    <div>
      <Link to={`/obligations/${row.obligationId}`} title={t('overview.open.report')} data-testid="drill-down">
        {row.unit.name}
      </Link>
      {row.parent ? (
        <div className="tk-small">
          <Button
            type="link"
            size="small"
            className="tk-inline-link"
            onClick={() => set({ parent: row.parent?.id })}
            title={t('overview.drillDown')}
            data-testid="filter-parent"
          >
            {row.parent.name}
          </Button>
        </div>
      ) : null}
    </div>
  );
  const taskCell = (row: OverviewRow) =>
    row.task ? (
      <span>
        <span className="tk-task-ref">{row.task.label}</span> {row.task.title}
      </span>
    ) : row.role === 'figures' ? (
      t('indicators.review.figuresLine')
    ) : (
      t('overview.planLine')
    );
  const deadlineCell = (row: OverviewRow) => (
    <div>
      {formatDate(row.dueOn)}
      {row.extendedDueOn ? (
        <div className="tk-small tk-muted">{t('overview.extended', { date: formatDate(row.extendedDueOn) })}</div>
      ) : null}
    </div>
  );

  const columns: TableColumnsType<OverviewRow> = [
    { title: t('overview.col.unit'), key: 'unit', render: (_, row) => unitCell(row) },
    { title: t('overview.col.task'), key: 'task', render: (_, row) => taskCell(row), ellipsis: true },
    { title: t('overview.col.state'), key: 'state', width: 230, render: (_, row) => stateTag(row) },
    { title: t('overview.col.deadline'), key: 'deadline', width: 130, render: (_, row) => deadlineCell(row) },
    {
      title: t('overview.col.submitted'),
      key: 'submitted',
      width: 160,
      render: (_, row) => (row.firstSubmittedAt ? formatDateTime(row.firstSubmittedAt) : ''),
    },
    { title: t('overview.col.rate'), key: 'rate', width: 90, render: (_, row) => <Rate row={row} /> },
  ];
  const mobileColumns: TableColumnsType<OverviewRow> = [
    {
      title: t('overview.col.unit'),
      key: 'card',
      render: (_, row) => (
        <div className="tk-overview-card">
          {unitCell(row)}
          <div className="tk-small">{taskCell(row)}</div>
          <div>
            {stateTag(row)} <Rate row={row} />
          </div>
          <div className="tk-small tk-muted">
            {t('overview.col.deadline')}: {formatDate(row.extendedDueOn ?? row.dueOn)}
          </div>
        </div>
      ),
    },
  ];

  const tile = (state: Filter, count: number, color?: string) => (
    <button
      key={state}
      type="button"
      className={query.state === state ? 'tk-count-tile tk-count-tile-on' : 'tk-count-tile'}
      onClick={() => set({ state: query.state === state ? undefined : state })}
      data-testid={`count-${state}`}
      aria-pressed={query.state === state}
    >
      <span className="tk-count-tile-n" style={color ? { color } : undefined}>
        {number(count)}
      </span>
      <span className="tk-count-tile-label">{t(`overview.state.${state}`)}</span>
    </button>
  );
  const COLORS: Partial<Record<Filter, string>> = { overdue: '#cf1322', returned: '#d46b08', accepted: '#389e0d' };
  const levelRow = (c: Counts & { level: string; name: string; nameEn: string }) => (
    <tr key={c.level}>
      <th scope="row">
        <Button type="link" size="small" className="tk-inline-link" onClick={() => set({ level: c.level })}>
          {lang === 'vi' ? c.name : c.nameEn}
        </Button>
      </th>
      <td>{number(c.units)}</td>
      <td>{number(c.total)}</td>
      {STATES.map((s) => (
        <td key={s}>{number(c[s])}</td>
      ))}
      <td>{number(c.late)}</td>
    </tr>
  );

  const current = periods.data.items.find((p) => p.key === query.period);
  return (
    <div className="tk-stack">
      <Breadcrumb
        items={[
          { title: <Link to="/plans">{t('plans.title')}</Link> },
          { title: <Link to={`/plans/${id}`}>{doc.symbol || t('plan.noNumber')}</Link> },
          { title: t('overview.title') },
        ]}
      />
      <PageTitle title={`${t('overview.title')} — ${doc.symbol ?? ''}`}>{t('overview.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{doc.title}</Typography.Paragraph>
      {periods.data.items.length === 0 ? (
        <Empty description={t('overview.noPeriods')} />
      ) : (
        <>
          <div className="tk-filters" data-testid="overview-filters">
            <Select
              className="tk-filter-period"
              value={query.period}
              aria-label={t('overview.period')}
              onChange={(value) => set({ period: value })}
              options={periods.data.items.map((p) => ({
                value: p.key,
                label: `${p.key} (${formatDate(p.start)}–${formatDate(p.end)})`,
              }))}
              data-testid="period-select"
            />
            {current ? (
              <span className="tk-small tk-muted">
                {current.firstDueOn === current.lastDueOn
                  ? t('overview.deadline1', { date: formatDate(current.firstDueOn) })
                  : t('overview.deadlines', {
                      from: formatDate(current.firstDueOn),
                      to: formatDate(current.lastDueOn),
                    })}
                {data ? ` · ${t('overview.today', { date: formatDate(data.today) })}` : ''}
              </span>
            ) : null}
          </div>
          {data?.parent ? (
            <div>
              <Tag closable onClose={() => set({ parent: undefined })} data-testid="parent-filter">
                {t('overview.parent', { name: data.parent.name })}
              </Tag>
            </div>
          ) : null}
          {data ? (
            <Card size="small" className="tk-section" data-testid="overview-counts">
              <div className="tk-count-tiles">
                <div className="tk-count-tile tk-count-tile-total">
                  <span className="tk-count-tile-n">{number(data.counts.total)}</span>
                  <span className="tk-count-tile-label">
                    {t('overview.total')} · {t('overview.units', { count: number(data.counts.units) })}
                  </span>
                </div>
                {STATES.map((s) => tile(s, data.counts[s], COLORS[s]))}
                {tile('late', data.counts.late, '#d4380d')}
              </div>
              {data.counts.lateOriginal !== data.counts.late ? (
                <div className="tk-small tk-muted">
                  {t('overview.lateOriginal', { count: data.counts.lateOriginal })}
                </div>
              ) : null}
              {data.byLevel.length > 0 ? (
                <div className="tk-table-scroll">
                  <table className="tk-level-table" data-testid="by-level">
                    <caption>{t('overview.byLevel')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('overview.level')}</th>
                        <th scope="col">{t('overview.col.unit')}</th>
                        <th scope="col">{t('overview.total')}</th>
                        {STATES.map((s) => (
                          <th scope="col" key={s}>
                            {t(`overview.state.${s}`)}
                          </th>
                        ))}
                        <th scope="col">{t('overview.late')}</th>
                      </tr>
                    </thead>
                    <tbody>{data.byLevel.map(levelRow)}</tbody>
                  </table>
                </div>
              ) : null}
            </Card>
          ) : null}
          <div className="tk-filters">
            <Input.Search
              key={params.get('q') ?? ''}
              allowClear
              defaultValue={query.q}
              placeholder={t('overview.search')}
              aria-label={t('overview.search')}
              onSearch={(value) => set({ q: value.trim() || undefined })}
              className="tk-filter-search"
              data-testid="overview-search"
            />
            <Select
              allowClear
              placeholder={t('overview.allLevels')}
              aria-label={t('overview.level')}
              value={query.level}
              onChange={(value?: string) => set({ level: value })}
              options={(data?.byLevel ?? []).map((l) => ({ value: l.level, label: lang === 'vi' ? l.name : l.nameEn }))}
              className="tk-filter-select"
            />
            <Select
              allowClear
              placeholder={t('overview.allStates')}
              aria-label={t('overview.state')}
              value={query.state}
              onChange={(value?: Filter) => set({ state: value })}
              options={FILTERS.map((s) => ({ value: s, label: t(`overview.state.${s}`) }))}
              className="tk-filter-select"
              data-testid="state-select"
            />
            <Select
              aria-label={t('overview.sort')}
              value={query.sort}
              onChange={(value: Sort) => set({ sort: value })}
              options={SORTS.map((s) => ({ value: s, label: t(`overview.sort.${s}`) }))}
              className="tk-filter-select"
              data-testid="sort-select"
            />
            <Select
              aria-label={t('overview.sort')}
              value={query.order}
              onChange={(value: 'asc' | 'desc') => set({ order: value })}
              options={[
                { value: 'asc', label: t('overview.order.asc') },
                { value: 'desc', label: t('overview.order.desc') },
              ]}
              className="tk-filter-select"
            />
          </div>
          {overview.isError ? (
            <ErrorResult error={overview.error} onRetry={() => void overview.refetch()} />
          ) : (
            <Table<OverviewRow>
              rowKey="obligationId"
              size="small"
              columns={isMobile ? mobileColumns : columns}
              dataSource={data?.items ?? []}
              loading={overview.isFetching}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data?.total ?? 0,
                showSizeChanger: false,
                simple: isMobile,
                showTotal: (total) => t('overview.rows', { count: number(total) }),
                onChange: (next) => set({ page: String(next) }),
              }}
              locale={{ emptyText: t('overview.empty') }}
              scroll={isMobile ? undefined : { x: 900 }}
              data-testid="overview-table"
            />
          )}
        </>
      )}
    </div>
  );
}
