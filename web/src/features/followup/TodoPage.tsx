import { Alert, Card, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { allows, useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { OWED_STATES, type OwedState, useOwed } from './hooks';
import { ObligationList } from './ObligationList';
import { Pager } from './Pager';

const PAGE_SIZE = 20;

/** "Việc cần làm": what the user's units owe, by deadline, and the plans they must still issue. */
export default function TodoPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [state, setState] = useState<OwedState | 'all'>('all');
  const [page, setPage] = useState(1);
  const owed = useOwed({ ...(state === 'all' ? {} : { state }), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const heading = <PageTitle title={t('followup.todo.title')}>{t('followup.todo.title')}</PageTitle>;
  if (owed.isPending) return <Loading />;
  if (owed.isError) return <ErrorResult error={owed.error} onRetry={() => void owed.refetch()} />;
  const data = owed.data;

  return (
    <>
      {heading}
      {data.units.length > 0 ? (
        <Typography.Paragraph type="secondary" data-testid="todo-units">
          {t('followup.todo.units', { units: data.units.map((u) => u.name).join(', ') })}
        </Typography.Paragraph>
      ) : null}
      {data.plansToIssue.length > 0 ? (
        <Card size="small" className="tk-followup-issue" data-testid="plans-to-issue" title={t('followup.issue.title')}>
          {data.plansToIssue.map((p) => (
            <div key={`${p.document.id}-${p.unit.id}`} className="tk-followup-issue-row">
              <Tag color={p.status === 'overdue' ? 'red' : 'blue'}>{t(`followup.issue.${p.status}`)}</Tag>
              <span>
                {t('followup.issue.text', { unit: p.unit.name, document: p.document.symbol ?? p.document.title })}
                {p.dueOn ? ` — ${t('followup.dueOn', { date: formatDate(p.dueOn) })}` : ''}{' '}
                <Link to={`/documents/${p.document.id}`}>{t('followup.issue.open')}</Link>
              </span>
            </div>
          ))}
          {allows(me, 'plan.import') ? (
            <Typography.Paragraph type="secondary" className="tk-small" style={{ marginBottom: 0 }}>
              {t('followup.issue.how')} <Link to="/plans/import">{t('followup.issue.import')}</Link>
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      <div className="tk-followup-filter">
        <Segmented<OwedState | 'all'>
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('followup.state.all') },
            ...OWED_STATES.map((s) => ({ value: s, label: t(`followup.state.${s}`) })),
          ]}
          data-testid="todo-filter"
        />
      </div>
      {data.total === 0 && state === 'all' ? (
        <Alert type="success" showIcon title={t('followup.todo.nothing')} />
      ) : null}
      <ObligationList
        items={data.items}
        showUnit={data.units.length !== 1 || data.items.some((o) => o.unit.id !== data.units[0]?.id)}
      />
      <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
    </>
  );
}
