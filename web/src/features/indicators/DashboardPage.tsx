import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { DownloadIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { type ChartOption, DashboardChart } from './DashboardChart';
import {
  type Rollup,
  type RollupRow,
  rollupXlsxUrl,
  STATUS_COLOURS,
  type Status,
  useRollup,
  useSummary,
  useTrend,
} from './DashboardHooks';

const STATUSES: Status[] = ['green', 'amber', 'red', 'grey'];
const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : Number(v.toFixed(digits)).toLocaleString('vi-VN');
const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 100));

/** The last full year: figures of a year are reported after its cut-off (14/12). */
function defaultYear(): number {
  const now = new Date();
  return now.getMonth() === 11 && now.getDate() > 14 ? now.getFullYear() : now.getFullYear() - 1;
}

/**
 * The indicator dashboard (docs/indicators.md "Dashboard"): an indicator and a period, from the
 * top of the reader's scope down to each unit (breadcrumb); units compared (bars coloured by
 * status, target line), trend against the target, distribution by status, completeness; the
 * table with its .xlsx export, each chart as PNG. State lives in the address (shareable).
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const lastYear = defaultYear();
  const period = params.get('period') ?? String(lastYear);
  const unitId = params.get('unit') ?? undefined;
  const summary = useSummary({ period, unitId });
  const indicator = params.get('indicator') ?? summary.data?.items[0]?.indicator.code ?? '';
  const query = { indicator, period, unitId };
  const rollup = useRollup(query);
  const year = Number(period.slice(0, 4));
  const trend = useTrend({ indicator, unitId, from: year - 4, to: year });

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const periods = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    for (let y = lastYear + 1; y >= lastYear - 5; y--) {
      out.push({ value: String(y), label: t('indicators.dashboard.year', { year: y }) });
      for (const h of [2, 1])
        out.push({ value: `${y}-H${h}`, label: t('indicators.dashboard.half', { half: h, year: y }) });
    }
    return out;
  }, [lastYear, t]);

  if (summary.isError) return <ErrorResult error={summary.error} />;
  if (!summary.data) return <Loading />;
  // Units the indicator does not concern (no reporting kind below them, no value) are left out.
  const data = rollup.data
    ? { ...rollup.data, rows: rollup.data.rows.filter((r) => r.value !== null || r.completeness.expected > 0) }
    : undefined;

  return (
    <div
      className="tk-dashboard"
      data-testid="indicators-dashboard"
      style={{ display: 'flex', flexDirection: 'column', gap: 12, minWidth: 0 }}
    >
      <PageTitle title={t('indicators.dashboard.title')}>{t('indicators.dashboard.title')}</PageTitle>
      <Space wrap className="tk-dashboard-filters" size={[8, 8]}>
        <Select
          aria-label={t('indicators.dashboard.indicator')}
          data-testid="dashboard-indicator"
          value={indicator || undefined}
          onChange={(v) => set({ indicator: v })}
          style={{ width: mobile ? '100%' : 440, maxWidth: '100%' }}
          showSearch
          optionFilterProp="label"
          options={summary.data.items.map((i) => ({
            value: i.indicator.code,
            label: `${i.indicator.code} · ${i.indicator.name}`,
          }))}
        />
        <Select
          aria-label={t('indicators.dashboard.period')}
          data-testid="dashboard-period"
          value={period}
          onChange={(v) => set({ period: v })}
          style={{ width: 180 }}
          options={periods}
        />
      </Space>
      {rollup.isError ? <ErrorResult error={rollup.error} /> : null}
      {data ? (
        <>
          <Breadcrumb
            className="tk-dashboard-trail"
            items={data.trail.map((u, i) => ({
              key: u.id,
              title:
                i === data.trail.length - 1 ? (
                  u.name
                ) : (
                  <Typography.Link onClick={() => set({ unit: u.id })}>{u.name}</Typography.Link>
                ),
            }))}
          />
          {data.fromPredecessors ? (
            <Alert type="info" showIcon message={t('indicators.dashboard.predecessors')} />
          ) : null}
          <TotalCard data={data} />
          <Row gutter={[12, 12]} className="tk-dashboard-charts">
            <Col xs={24} lg={12}>
              <DashboardChart
                title={t('indicators.dashboard.chart.units')}
                option={barsOption(data, mobile)}
                fileName={`${data.indicator.code}-${data.period.key}-don-vi`}
                height={Math.max(260, data.rows.length * (mobile ? 26 : 22) + 60)}
                testId="chart-units"
              />
            </Col>
            <Col xs={24} lg={12}>
              <DashboardChart
                title={t('indicators.dashboard.chart.trend')}
                option={trendOption(trend.data, t('indicators.dashboard.value'), t('indicators.dashboard.target'))}
                fileName={`${data.indicator.code}-dien-bien`}
                testId="chart-trend"
              />
            </Col>
            <Col xs={24} lg={12}>
              <DashboardChart
                title={t('indicators.dashboard.chart.distribution')}
                option={distributionOption(data, (s) => t(`indicators.dashboard.status.${s}`))}
                fileName={`${data.indicator.code}-${data.period.key}-phan-bo`}
                height={260}
                testId="chart-distribution"
              />
            </Col>
            <Col xs={24} lg={12}>
              <DashboardChart
                title={t('indicators.dashboard.chart.completeness')}
                option={completenessOption(
                  data,
                  t('indicators.dashboard.completeness'),
                  t('indicators.dashboard.entered'),
                )}
                fileName={`${data.indicator.code}-${data.period.key}-day-du`}
                height={Math.max(260, data.rows.length * (mobile ? 26 : 22) + 60)}
                testId="chart-completeness"
              />
            </Col>
            {data.breakdown.slice(0, 2).map((b) => (
              <Col xs={24} lg={12} key={`${b.element}-${b.category}`}>
                <DashboardChart
                  title={t('indicators.dashboard.chart.breakdown', { category: `${b.categoryName} (${b.element})` })}
                  option={breakdownOption(b)}
                  fileName={`${data.indicator.code}-${data.period.key}-${b.category}`}
                  height={260}
                />
              </Col>
            ))}
          </Row>
          <UnitsTable data={data} mobile={mobile} onOpen={(id) => set({ unit: id })} query={query} />
          <Typography.Paragraph className="tk-muted tk-small">{t('indicators.dashboard.rule')}</Typography.Paragraph>
        </>
      ) : rollup.isLoading ? (
        <Loading />
      ) : null}
    </div>
  );
}

function StatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={`status-${status}`}>
      {t(`indicators.dashboard.status.${status}`)}
    </Tag>
  );
}

function TotalCard({ data }: { data: Rollup }) {
  const { t } = useI18n();
  const total = data.total;
  const unit = data.indicator.unit;
  return (
    <Card size="small" className="tk-dashboard-total" data-testid="dashboard-total">
      <Row gutter={[16, 12]} align="middle">
        <Col xs={24} md={8}>
          <Typography.Text strong>{data.root.name}</Typography.Text>
          <div className="tk-muted tk-small">
            {data.indicator.code} · {data.period.label}
          </div>
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('indicators.dashboard.value')}
            value={total.value === null ? '—' : fmt(total.value)}
            suffix={total.value === null ? undefined : unit}
            valueStyle={{ color: STATUS_COLOURS[total.status] }}
          />
          <StatusTag status={total.status} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic
            title={t('indicators.dashboard.target')}
            value={total.target ? fmt(total.target.value) : '—'}
            suffix={total.target ? unit : undefined}
          />
          <div className="tk-muted tk-small">{total.target?.source ?? t('indicators.dashboard.noTarget')}</div>
        </Col>
        <Col xs={24} md={6}>
          <div className="tk-small">{t('indicators.dashboard.completeness')}</div>
          <Progress percent={pct(total.completeness.rate)} size="small" />
          <div className="tk-muted tk-small">
            {t('indicators.dashboard.completenessOf', {
              accepted: total.completeness.accepted,
              expected: total.completeness.expected,
              entered: total.completeness.entered,
            })}
          </div>
        </Col>
      </Row>
      {total.numerator !== null && total.denominator !== null ? (
        <div className="tk-muted tk-small">
          {t('indicators.dashboard.numerator')}: {fmt(total.numerator, 0)} · {t('indicators.dashboard.denominator')}:{' '}
          {fmt(total.denominator, 0)}
        </div>
      ) : null}
    </Card>
  );
}

function UnitsTable({
  data,
  mobile,
  onOpen,
  query,
}: {
  data: Rollup;
  mobile: boolean;
  onOpen: (id: string) => void;
  query: { indicator: string; period: string; unitId?: string | undefined };
}) {
  const { t } = useI18n();
  const unit = data.indicator.unit;
  const columns = [
    {
      key: 'unit',
      title: t('indicators.dashboard.unit'),
      render: (_: unknown, r: RollupRow) =>
        r.unit.hasChildren ? (
          <Typography.Link
            onClick={() => onOpen(r.unit.id)}
            aria-label={t('indicators.dashboard.drill', { name: r.unit.name })}
          >
            {r.unit.name}
          </Typography.Link>
        ) : (
          r.unit.name
        ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'num',
            title: t('indicators.dashboard.numerator'),
            align: 'right' as const,
            render: (_: unknown, r: RollupRow) => fmt(r.numerator, 0),
          },
          {
            key: 'den',
            title: t('indicators.dashboard.denominator'),
            align: 'right' as const,
            render: (_: unknown, r: RollupRow) => fmt(r.denominator, 0),
          },
        ]),
    {
      key: 'value',
      title: `${t('indicators.dashboard.value')}${unit ? ` (${unit})` : ''}`,
      align: 'right' as const,
      render: (_: unknown, r: RollupRow) => (
        <Space size={4} direction={mobile ? 'vertical' : 'horizontal'} align="end">
          <span>{fmt(r.value)}</span>
          <StatusTag status={r.status} />
        </Space>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'target',
            title: t('indicators.dashboard.target'),
            align: 'right' as const,
            render: (_: unknown, r: RollupRow) =>
              r.target ? (
                <span title={r.target.unitId ? t('indicators.dashboard.targetOwn') : r.target.source}>
                  {fmt(r.target.value)}
                  {r.target.unitId ? '*' : ''}
                </span>
              ) : (
                '—'
              ),
          },
        ]),
    {
      key: 'complete',
      title: t('indicators.dashboard.completeness'),
      width: mobile ? 90 : 160,
      render: (_: unknown, r: RollupRow) => <Progress percent={pct(r.completeness.rate)} size="small" />,
    },
  ];
  return (
    <Card
      size="small"
      title={t('indicators.dashboard.table')}
      className="tk-dashboard-table"
      extra={
        <Button href={rollupXlsxUrl(query)} icon={<DownloadIcon />} data-testid="dashboard-xlsx">
          {mobile ? '.xlsx' : t('indicators.dashboard.xlsx')}
        </Button>
      }
    >
      <Table<RollupRow>
        rowKey={(r) => r.unit.id}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={data.rows}
        locale={{ emptyText: t('indicators.dashboard.noData') }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('indicators.dashboard.total', { name: data.root.name })}</strong>
            </Table.Summary.Cell>
            {mobile ? null : (
              <>
                <Table.Summary.Cell index={1} align="right">
                  {fmt(data.total.numerator, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {fmt(data.total.denominator, 0)}
                </Table.Summary.Cell>
              </>
            )}
            <Table.Summary.Cell index={3} align="right">
              <strong>{fmt(data.total.value)}</strong>
            </Table.Summary.Cell>
            {mobile ? null : (
              <Table.Summary.Cell index={4} align="right">
                {fmt(data.total.target?.value)}
              </Table.Summary.Cell>
            )}
            <Table.Summary.Cell index={5}>
              <Progress percent={pct(data.total.completeness.rate)} size="small" />
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

const shortName = (name: string, mobile: boolean) => (mobile && name.length > 16 ? `${name.slice(0, 15)}…` : name);

function barsOption(data: Rollup, mobile: boolean): ChartOption {
  const rows = [...data.rows].reverse();
  const target = data.total.target?.value;
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: rows.map((r) => shortName(r.unit.name, mobile)),
      axisLabel: { fontSize: mobile ? 10 : 12 },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: r.value === null ? null : Number(r.value.toFixed(1)),
          itemStyle: { color: STATUS_COLOURS[r.status] },
        })),
        label: { show: true, position: 'right', fontSize: 10 },
        markLine:
          target === undefined
            ? undefined
            : {
                symbol: 'none',
                data: [{ xAxis: target }],
                lineStyle: { color: '#1677ff', type: 'dashed' },
                label: { formatter: `${target}` },
              },
      },
    ],
  };
}

function trendOption(
  trend: { points: { year: number; value: number | null; target: { value: number } | null }[] } | undefined,
  value: string,
  target: string,
): ChartOption {
  const points = trend?.points ?? [];
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { data: [value, target], top: 0 },
    xAxis: { type: 'category', data: points.map((p) => String(p.year)) },
    yAxis: { type: 'value' },
    series: [
      {
        name: value,
        type: 'line',
        connectNulls: false,
        data: points.map((p) => (p.value === null ? null : Number(p.value.toFixed(1)))),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: target,
        type: 'line',
        step: 'middle',
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#8c8c8c' },
        data: points.map((p) => p.target?.value ?? null),
      },
    ],
  };
}

function distributionOption(data: Rollup, label: (s: Status) => string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{c}' },
        data: STATUSES.map((s) => ({
          name: label(s),
          value: data.distribution[s],
          itemStyle: { color: STATUS_COLOURS[s] },
        })).filter((d) => d.value > 0),
      },
    ],
  };
}

function completenessOption(data: Rollup, accepted: string, entered: string): ChartOption {
  const rows = [...data.rows].reverse();
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { data: [accepted, entered], top: 0 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: rows.map((r) => shortName(r.unit.name, true)), axisLabel: { fontSize: 10 } },
    series: [
      { name: accepted, type: 'bar', data: rows.map((r) => pct(r.completeness.rate)), itemStyle: { color: '#389e0d' } },
      {
        name: entered,
        type: 'bar',
        data: rows.map((r) => pct(r.completeness.enteredRate)),
        itemStyle: { color: '#91caff' },
      },
    ],
  };
}

function breakdownOption(b: Rollup['breakdown'][number]): ChartOption {
  const options = b.options.filter((o) => o.value !== null);
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: options.map((o) => o.name), axisLabel: { fontSize: 10 } },
    series: [
      {
        type: 'bar',
        data: options.map((o) => o.value),
        itemStyle: { color: '#597ef7' },
        label: { show: true, position: 'right' },
      },
    ],
  };
}
