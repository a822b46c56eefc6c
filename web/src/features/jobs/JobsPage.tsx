import { App, Badge, Button, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { PageTitle } from '../../components/PageTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { type JobRow, type JobState, type JobStatus, useJobAction, useJobs } from './api';

const PAGE_SIZE = 20;
const STATUSES: JobStatus[] = ['queued', 'active', 'failed', 'done', 'cancelled'];
const COLORS: Record<JobState, string> = {
  created: 'blue',
  retry: 'orange',
  active: 'processing',
  completed: 'green',
  cancelled: 'default',
  failed: 'red',
};
const COUNTED: Record<JobStatus, JobState[]> = {
  queued: ['created', 'retry'],
  active: ['active'],
  failed: ['failed'],
  done: ['completed'],
  cancelled: ['cancelled'],
};

/** The message a failed job left (pg-boss stores the thrown error in `output`). */
function failure(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  const message = o.message ?? o.value?.message;
  return typeof message === 'string' ? message : null;
}

export default function JobsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<JobStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const isMobile = useIsMobile();
  const jobs = useJobs({
    ...(status === 'all' ? {} : { status }),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const action = useJobAction();
  const counts = jobs.data?.counts;
  const count = (s: JobStatus) => COUNTED[s].reduce((n, state) => n + (counts?.[state] ?? 0), 0);

  const act = (row: JobRow, kind: 'retry' | 'cancel') =>
    action.mutate(
      { id: row.id, action: kind },
      {
        onSuccess: () => void message.success(t(`jobs.${kind}.done`)),
        onError: (error) => void message.error(error instanceof ApiError ? error.detail : String(error)),
      },
    );

  const actions = (row: JobRow) => (
    <>
      {row.state === 'failed' || row.state === 'cancelled' ? (
        <Button size="small" onClick={() => act(row, 'retry')} loading={action.isPending}>
          {t('jobs.retry')}
        </Button>
      ) : null}
      {row.state === 'created' || row.state === 'retry' ? (
        <Button size="small" danger onClick={() => act(row, 'cancel')} loading={action.isPending}>
          {t('jobs.cancel')}
        </Button>
      ) : null}
    </>
  );

  const stateTag = (state: JobState) => <Tag color={COLORS[state]}>{label('jobs.state', state)}</Tag>;

  const columns: TableColumnsType<JobRow> = [
    {
      title: t('jobs.col.queue'),
      dataIndex: 'queue',
      render: (queue: string, row) => (
        <>
          <div>{label('jobs.queue', queue, queue)}</div>
          {row.key ? <div className="tk-small tk-mono">{row.key}</div> : null}
        </>
      ),
    },
    { title: t('jobs.col.state'), dataIndex: 'state', width: 140, render: stateTag },
    {
      title: t('jobs.col.attempts'),
      key: 'attempts',
      width: 90,
      render: (_, row) => `${row.retryCount}/${row.retryLimit}`,
    },
    {
      title: t('jobs.col.startAfter'),
      dataIndex: 'startAfter',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('jobs.col.completedOn'),
      dataIndex: 'completedOn',
      width: 170,
      render: (v: string | null) => (v ? formatDateTime(v) : ''),
    },
    { title: '', key: 'actions', width: 110, render: (_, row) => actions(row) },
  ];
  const mobileColumns: TableColumnsType<JobRow> = [
    {
      title: t('jobs.col.job'),
      key: 'job',
      render: (_, row) => (
        <div>
          <div>
            {stateTag(row.state)} {label('jobs.queue', row.queue, row.queue)}
          </div>
          <div className="tk-small tk-muted">
            {formatDateTime(row.startAfter)} · {row.retryCount}/{row.retryLimit}
          </div>
          <div>{actions(row)}</div>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('jobs.title')}>{t('jobs.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('jobs.intro')}</Typography.Paragraph>
      {jobs.data?.schedules.length ? (
        <Typography.Paragraph data-testid="job-schedules">
          <Typography.Text strong>{t('jobs.schedules')}: </Typography.Text>
          {jobs.data.schedules.map((s) => (
            <span key={s.queue} className="tk-small">
              {label('jobs.queue', s.queue, s.queue)} (<span className="tk-mono">{s.cron}</span>){' '}
            </span>
          ))}
        </Typography.Paragraph>
      ) : null}
      <div style={{ overflowX: 'auto', maxWidth: '100%', marginBottom: 12 }}>
        <Segmented<JobStatus | 'all'>
          className="tk-jobs-filter"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('jobs.status.all') },
            ...STATUSES.map((s) => ({
              value: s,
              label: (
                <span>
                  {t(`jobs.status.${s}`)}{' '}
                  <Badge count={count(s)} showZero color={s === 'failed' && count(s) > 0 ? 'red' : 'gray'} />
                </span>
              ),
            })),
          ]}
        />
      </div>
      {jobs.isError ? (
        <ErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<JobRow>
          rowKey="id"
          size="small"
          columns={isMobile ? mobileColumns : columns}
          dataSource={jobs.data?.items ?? []}
          loading={jobs.isFetching && !jobs.data}
          expandable={{
            expandedRowRender: (row) => (
              <div className="tk-json-pair">
                {failure(row.output) ? <Typography.Text type="danger">{failure(row.output)}</Typography.Text> : null}
                <pre>{JSON.stringify({ data: row.data, output: row.output }, null, 2)}</pre>
              </div>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: jobs.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('jobs.total', { count: total }),
            onChange: setPage,
          }}
          locale={{ emptyText: t('jobs.empty') }}
          scroll={isMobile ? undefined : { x: 800 }}
          data-testid="jobs-table"
        />
      )}
    </>
  );
}
