import { Badge, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotifications } from './hooks';
import { BellIcon } from './icons';

// The list (antd List, Pagination) loads when first opened: the header stays light.
const NotificationDrawer = lazy(() => import('./NotificationDrawer'));

/** The header's bell: the unread count; a click opens the list in a drawer. */
export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const badge = useNotifications({ limit: 1, offset: 0 });
  const unread = badge.data?.unread ?? 0;

  return (
    <>
      <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99}>
        <Button
          type="text"
          className="tk-header-button"
          aria-label={t('notifications.open', { count: unread })}
          data-testid="notification-bell"
          icon={<BellIcon />}
          onClick={() => {
            setOpened(true);
            setOpen(true);
          }}
        />
      </Badge>
      {opened ? (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} unread={unread} />
        </Suspense>
      ) : null}
    </>
  );
}
