import { Button, Card, Empty, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { usePlans } from '../../api/hooks';
import type { PlanSummary } from '../../api/types';
import { allows, useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { UploadIcon } from '../../components/icons';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

export default function PlansPage() {
  const { t } = useI18n();
  const plans = usePlans();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { data: me } = useMe();

  const heading = (
    <PageTitle
      title={t('plans.title')}
      extra={
        allows(me, 'plan.import') ? (
          <Button
            type="primary"
            icon={<UploadIcon />}
            onClick={() => navigate('/plans/import')}
            data-testid="import-plan"
          >
            {t('import.title')}
          </Button>
        ) : null
      }
    >
      {t('plans.title')}
    </PageTitle>
  );
  if (plans.isPending) return <Loading />;
  if (plans.isError) return <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} />;

  const items = plans.data;
  // A withdrawn or replaced plan stays listed, marked (plans/PlanEdit.tsx).
  const ended = (plan: PlanSummary) =>
    plan.status === 'active' ? null : (
      <Tag color="default" data-testid="plan-ended">
        {t(`plans.status.${plan.status}`)}
      </Tag>
    );
  const symbol = (plan: PlanSummary) =>
    plan.symbol ? <span className="tk-nowrap">{plan.symbol}</span> : <Tag>{t('plan.noNumber')}</Tag>;

  if (isMobile) {
    return (
      <>
        {heading}
        {items.length === 0 ? <Empty description={t('plans.empty')} /> : null}
        <div className="tk-card-list" data-testid="plan-list">
          {items.map((plan) => (
            <Link key={plan.id} to={`/plans/${plan.id}`} className="tk-card-link" data-testid="plan-row">
              <Card size="small" hoverable>
                <Typography.Text type="secondary" className="tk-small">
                  {[plan.typeName, plan.symbol || t('plan.noNumber')].filter(Boolean).join(' · ')}
                </Typography.Text>
                <div className="tk-card-title">
                  {ended(plan)}
                  {plan.title}
                </div>
                <div className="tk-small tk-muted">
                  {[plan.issuer, formatDate(plan.issuedOn)].filter(Boolean).join(' · ')}
                </div>
                <div className="tk-small tk-muted">
                  {plan.ownerUnit?.name ?? ''}
                  {' · '}
                  {t('plans.taskCount', { count: plan.taskCount })}
                </div>
              </Card>
            </Link>
          ))}
        </div>
      </>
    );
  }

  // A plain table: the plans list is the first screen after login, and antd's Table (with its
  // filter, tree, select and pagination code) would double the JavaScript it needs.
  return (
    <>
      {heading}
      {items.length === 0 ? (
        <Empty description={t('plans.empty')} />
      ) : (
        <div className="tk-table-wrap">
          <table className="tk-table">
            <colgroup>
              <col />
              <col style={{ width: 150 }} />
              <col style={{ width: 200 }} />
              <col style={{ width: 120 }} />
              <col style={{ width: 200 }} />
              <col style={{ width: 110 }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('plans.col.title')}</th>
                <th scope="col">{t('plans.col.symbol')}</th>
                <th scope="col">{t('plans.col.issuer')}</th>
                <th scope="col">{t('plans.col.date')}</th>
                <th scope="col">{t('plans.col.owner')}</th>
                <th scope="col" className="tk-num">
                  {t('plans.col.tasks')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((plan) => (
                <tr
                  key={plan.id}
                  className="tk-clickable"
                  data-testid="plan-row"
                  onClick={() => navigate(`/plans/${plan.id}`)}
                >
                  <td>
                    <Link to={`/plans/${plan.id}`} onClick={(event) => event.stopPropagation()}>
                      {plan.typeName ? <span className="tk-muted">{plan.typeName} · </span> : null}
                      {plan.title}
                    </Link>{' '}
                    {ended(plan)}
                  </td>
                  <td>{symbol(plan)}</td>
                  <td>{plan.issuer}</td>
                  <td>{formatDate(plan.issuedOn)}</td>
                  <td>{plan.ownerUnit?.name}</td>
                  <td className="tk-num">{plan.taskCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
