import { Button, Drawer, Empty, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { useIsMobile } from '../../components/useIsMobile';
import { formatDate, formatDateTime } from '../../i18n/format';
import { type MessageKey, useI18n } from '../../i18n/I18nProvider';
import { type NotificationItem, useMarkRead, useNotifications } from './hooks';

const PAGE = 10;

/** What one notification says, from its kind and parameters (the server stores no sentence). */
export function useNotificationText() {
  const { t } = useI18n();
  return (n: NotificationItem) => {
    const p = n.params;
    const task = p.figures
      ? t('indicators.review.notificationTask')
      : p.task
        ? t('notifications.task', { task: p.task })
        : t('notifications.planLine');
    const plan = p.plan || p.planTitle || '';
    const params = { unit: p.unit ?? '', task, plan, period: p.period ?? '', deadline: formatDate(p.deadline) };
    return t(`notifications.kind.${n.kind}` as MessageKey, params);
  };
}

/** The list of one's notifications, newest first; a click marks it read and opens what it is about. */
export default function NotificationDrawer({
  open,
  onClose,
  unread,
}: {
  open: boolean;
  onClose: () => void;
  unread: number;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useNotifications({ limit: PAGE, offset: (page - 1) * PAGE }, open);
  const mark = useMarkRead();
  const text = useNotificationText();

  const openItem = (n: NotificationItem) => {
    if (!n.readAt) mark.mutate(n.id);
    if (n.link) {
      onClose();
      navigate(n.link);
    }
  };

  return (
    <Drawer
      placement="right"
      size={isMobile ? '100%' : 420}
      open={open}
      onClose={onClose}
      title={t('notifications.title')}
      extra={
        <Button size="small" disabled={unread === 0} loading={mark.isPending} onClick={() => mark.mutate('all')}>
          {t('notifications.readAll')}
        </Button>
      }
      styles={{ body: { padding: 0 } }}
    >
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <List
        data-testid="notification-list"
        loading={list.isPending && open}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            className={n.readAt ? 'tk-notification' : 'tk-notification tk-notification-unread'}
            onClick={() => openItem(n)}
            style={{ cursor: 'pointer', padding: '12px 16px', background: n.readAt ? undefined : '#fff7e6' }}
          >
            <List.Item.Meta
              title={
                <Typography.Text strong={!n.readAt}>{t(`notifications.step.${n.kind}` as MessageKey)}</Typography.Text>
              }
              description={
                <>
                  <div>{text(n)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {(list.data?.total ?? 0) > PAGE ? (
        <div style={{ padding: 12, textAlign: 'center' }}>
          <Pagination
            size="small"
            simple
            current={page}
            pageSize={PAGE}
            total={list.data?.total ?? 0}
            onChange={setPage}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
