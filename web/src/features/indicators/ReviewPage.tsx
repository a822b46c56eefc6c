import { Alert, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useReviewQueue } from './approval.hooks';
import { FIGURES_STATE_COLORS } from './FiguresReviewBar';

/**
 * "Duyệt số liệu" (docs/indicators.md "Approval"): the figures sent to the caller's levels, by
 * period — those awaiting review first — each a link to its form, where the review bar accepts
 * or returns them.
 */
export default function ReviewPage() {
  const { t } = useI18n();
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const queue = useReviewQueue(period);

  const heading = <PageTitle title={t('indicators.review.title')}>{t('indicators.review.title')}</PageTitle>;
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />;
  const q = queue.data;

  return (
    <div data-testid="figures-review-page">
      {heading}
      <Typography.Paragraph type="secondary">{t('indicators.review.page.intro')}</Typography.Paragraph>
      {q.periods.length > 0 ? (
        <Space wrap size={[12, 8]} style={{ marginBottom: 12 }}>
          <label htmlFor="figures-review-period">{t('indicators.review.page.period')}</label>
          <Select
            id="figures-review-period"
            value={q.period ?? undefined}
            onChange={(v: string) => setPeriod(v)}
            options={q.periods.map((p) => ({ value: p, label: p }))}
            style={{ minWidth: 120, minHeight: 40 }}
            data-testid="figures-review-period"
          />
          <Typography.Text className="tk-small" data-testid="figures-review-counts">
            {t('indicators.review.page.counts', q.counts)}
          </Typography.Text>
        </Space>
      ) : null}
      {q.items.length === 0 ? (
        <Empty description={t('indicators.review.page.empty')} />
      ) : (
        <div className="tk-card-list" data-testid="figures-review-list">
          {q.items.map((i) => (
            <Link
              key={i.obligationId}
              to={`/indicators/forms/${i.unitId}/${i.periodKey}`}
              className="tk-card-link"
              data-testid="figures-review-row"
            >
              <Card size="small" hoverable>
                <Space wrap size={[8, 4]}>
                  <Tag color={FIGURES_STATE_COLORS[i.reviewState] ?? 'default'}>
                    {t(`indicators.review.state.${i.reviewState}` as 'indicators.review.state.draft')}
                  </Tag>
                  {i.overdue ? <Tag color="red">{t('indicators.review.overdue')}</Tag> : null}
                  <Typography.Text strong>{i.unitName}</Typography.Text>
                </Space>
                <div className="tk-small tk-muted">
                  {[
                    `${t('indicators.review.page.period')} ${i.periodKey}`,
                    `${t('indicators.review.page.due')}: ${formatDate(i.dueOn)}`,
                    `${t('indicators.review.page.reviewer')}: ${i.reviewerUnitName}`,
                    i.submittedAt ? formatDateTime(i.submittedAt) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </Card>
            </Link>
          ))}
        </div>
      )}
      {q.truncated ? (
        <Alert type="info" style={{ marginTop: 12 }} message={t('indicators.review.page.truncated')} />
      ) : null}
    </div>
  );
}
