import { Card } from 'antd';
import { useState } from 'react';
import { ErrorResult } from '../../components/ErrorResult';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n/I18nProvider';
import { OWED_STATES, useHome } from './hooks';
import { ObligationList, STATE_COLORS } from './ObligationList';
import { Pager } from './Pager';

const PAGE_SIZE = 20;

/** A leader's home: the whole scope's obligations counted by state, and the most urgent ones. */
export default function HomePage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const home = useHome({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const heading = <PageTitle title={t('followup.home.title')}>{t('followup.home.title')}</PageTitle>;
  if (home.isPending) return <Loading />;
  if (home.isError) return <ErrorResult error={home.error} onRetry={() => void home.refetch()} />;
  const data = home.data;
  return (
    <>
      {heading}
      <div className="tk-followup-counts" data-testid="home-counts">
        {OWED_STATES.map((s) => (
          <Card key={s} size="small">
            <div className="tk-small tk-muted">{t(`followup.state.${s}`)}</div>
            <div className="tk-followup-count">{data.counts[s]}</div>
            <span className={`tk-followup-bar tk-followup-bar-${STATE_COLORS[s]}`} />
          </Card>
        ))}
      </div>
      <h2 className="tk-followup-subtitle">{t('followup.home.urgent', { count: data.total })}</h2>
      <ObligationList items={data.urgent} showUnit />
      <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
    </>
  );
}
