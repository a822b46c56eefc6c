import { Card, Empty, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { type EntryItem, useEntryList } from './FormHooks';

const STATE_COLORS: Record<EntryItem['state'], string> = {
  empty: 'default',
  partial: 'processing',
  complete: 'cyan',
  submitted: 'blue',
  returned: 'warning',
  accepted: 'success',
};

/** The figures of the last years: the annual periods (Decree 09 windows end on 14 December). */
function recentPeriods(): string[] {
  const now = new Date();
  const year = now.getMonth() === 11 && now.getDate() >= 15 ? now.getFullYear() + 1 : now.getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(year - i));
}

/** My figures forms by period: the units of my scope with a form, their state and missing cells. */
export default function EntryPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const periods = recentPeriods();
  const period = params.get('period') ?? periods[0] ?? '';
  const query = useEntryList(period);
  const href = (i: EntryItem) => `/indicators/forms/${i.unitId}/${period}`;
  const stateTag = (i: EntryItem) => <Tag color={STATE_COLORS[i.state]}>{t(`indicators.entry.state.${i.state}`)}</Tag>;
  const percent = (i: EntryItem) => (i.expected === 0 ? 100 : Math.round((i.filled / i.expected) * 100));

  return (
    <div className="tk-stack" data-testid="figures-entry">
      <PageTitle
        title={t('indicators.entry.title')}
        extra={
          <Space>
            <span>{t('indicators.entry.period')}</span>
            <Select
              aria-label={t('indicators.entry.period')}
              value={period}
              style={{ minWidth: 110 }}
              options={periods.map((p) => ({ value: p, label: p }))}
              onChange={(p) => setParams({ period: p })}
            />
          </Space>
        }
      >
        {t('indicators.entry.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('indicators.entry.intro')}</Typography.Paragraph>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t('indicators.entry.none')} />
      ) : isMobile ? (
        <List
          dataSource={query.data.items}
          renderItem={(i) => (
            <List.Item key={i.unitId}>
              <Card size="small" style={{ width: '100%' }}>
                <Link to={href(i)} className="tk-entry-link">
                  <Typography.Text strong>{i.unitName}</Typography.Text>
                </Link>
                <div>
                  {stateTag(i)}
                  <Typography.Text type="secondary">
                    {t('indicators.entry.filledOf', { filled: i.filled, expected: i.expected })}
                  </Typography.Text>
                </div>
                <Progress percent={percent(i)} size="small" />
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="unitId"
          size="middle"
          pagination={false}
          dataSource={query.data.items}
          columns={[
            {
              title: t('indicators.entry.unit'),
              render: (_, i) => <Link to={href(i)}>{i.unitName}</Link>,
            },
            { title: t('indicators.entry.stateLabel'), render: (_, i) => stateTag(i) },
            {
              title: t('indicators.entry.progress'),
              render: (_, i) => (
                <Space>
                  <Progress percent={percent(i)} size="small" style={{ width: 140 }} />
                  <Typography.Text type="secondary">
                    {t('indicators.entry.filledOf', { filled: i.filled, expected: i.expected })}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('indicators.entry.due'), render: (_, i) => (i.dueOn ? formatDate(i.dueOn) : '—') },
            {
              title: '',
              render: (_, i) => (
                <Link to={href(i)}>{i.canEnter ? t('indicators.entry.open') : t('indicators.entry.view')}</Link>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
