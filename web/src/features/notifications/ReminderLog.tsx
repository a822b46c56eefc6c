import { Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../i18n/format';
import { type MessageKey, useI18n } from '../../i18n/I18nProvider';
import { type ReminderItem, useReminderLog } from './hooks';

const OUTCOME_COLOR: Record<ReminderItem['outcome'], string> = {
  sent: 'green',
  pending: 'blue',
  failed: 'red',
  skipped: 'default',
};

/**
 * Every reminder made for one obligation: when, to whom, by which channel, with what outcome.
 * For the report page (part B): `<ReminderLog obligationId={…} />`. Only the receiving level may
 * open a drafted request for explanation: the link shows to the one it was sent to (the `explain`
 * step goes to that level's monitors), or to everyone when `letters` (e.g. a reviewer right now).
 */
export function ReminderLog({ obligationId, letters = false }: { obligationId: string; letters?: boolean }) {
  const { t, label } = useI18n();
  const log = useReminderLog(obligationId);
  const { data: me } = useMe();
  if (log.isError) return <ErrorResult error={log.error} onRetry={() => void log.refetch()} />;
  return (
    <List
      data-testid="reminder-log"
      size="small"
      loading={log.isPending}
      dataSource={log.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reminderLog.empty')} /> }}
      renderItem={(r) => (
        <List.Item>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline', width: '100%' }}>
            <Typography.Text strong>{t(`notifications.step.${r.step}` as MessageKey)}</Typography.Text>
            <Tag>{label('reminderLog.channel', r.channel)}</Tag>
            <Tag color={OUTCOME_COLOR[r.outcome]}>{label('reminderLog.outcome', r.outcome)}</Tag>
            <Typography.Text>{r.recipient.name ?? r.recipient.email ?? '—'}</Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(r.sentAt ?? r.createdAt)} · {t('reminderLog.deadline', { date: formatDate(r.deadline) })}
            </Typography.Text>
            {r.error ? (
              <Typography.Text type="secondary">({label('reminderLog.error', r.error)})</Typography.Text>
            ) : null}
            {r.letterId && r.step === 'explain' && (letters || r.recipient.id === me?.id) ? (
              <Link to={`/explanation-letters/${r.letterId}`}>{t('reminderLog.letter')}</Link>
            ) : null}
          </div>
        </List.Item>
      )}
    />
  );
}
