import { Button, Card, Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { usePlans } from '../../api/hooks';
import type { PlanSummary } from '../../api/types';
import { can, useMe } from '../../app/auth';
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
        can(me, 'plans.manage') ? (
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
                <div className="tk-card-title">{plan.title}</div>
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

  const columns: TableColumnsType<PlanSummary> = [
    {
      title: t('plans.col.title'),
      dataIndex: 'title',
      render: (_, plan) => (
        <Link to={`/plans/${plan.id}`} onClick={(event) => event.stopPropagation()}>
          {plan.typeName ? <span className="tk-muted">{plan.typeName} · </span> : null}
          {plan.title}
        </Link>
      ),
    },
    { title: t('plans.col.symbol'), dataIndex: 'symbol', width: 150, render: (_, plan) => symbol(plan) },
    { title: t('plans.col.issuer'), dataIndex: 'issuer', width: 200 },
    {
      title: t('plans.col.date'),
      dataIndex: 'issuedOn',
      width: 120,
      render: (value: string | null) => formatDate(value),
    },
    { title: t('plans.col.owner'), dataIndex: ['ownerUnit', 'name'], width: 200 },
    { title: t('plans.col.tasks'), dataIndex: 'taskCount', width: 110, align: 'right' },
  ];

  return (
    <>
      {heading}
      <Table<PlanSummary>
        rowKey="id"
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
        onRow={(plan) => ({
          onClick: () => navigate(`/plans/${plan.id}`),
          className: 'tk-clickable',
          'data-testid': 'plan-row',
        })}
        scroll={{ x: 900 }}
      />
    </>
  );
}
