import { Button, Drawer, Dropdown, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { MenuIcon, StarIcon } from '../components/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { useIsMobile } from '../components/useIsMobile';
import { landingPath } from '../features/followup/landing';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { ChangePasswordModal } from '../features/users/ChangePasswordModal';
import { useI18n } from '../i18n/I18nProvider';
import { allows, useLogout, useMe } from './auth';

const SECTIONS = ['todo', 'home', 'plans', 'indicators', 'documents', 'units', 'audit', 'users', 'jobs'] as const;

export function AppLayout() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const first = location.pathname.split('/')[1] ?? '';
  const selected = (SECTIONS as readonly string[]).includes(first) ? [first] : [];

  // The landing page (features/followup): "Việc cần làm" or the home. The brand leads there too;
  // the administrator's menu, already seven entries, keeps only the brand (1024 px must not collapse).
  const landing = landingPath(me);
  const administers = allows(me, 'audit.read') && allows(me, 'user.manage');
  const items: MenuProps['items'] = [
    ...(administers
      ? []
      : [
          {
            key: landing.slice(1),
            label: <Link to={landing}>{t(landing === '/todo' ? 'nav.todo' : 'nav.home')}</Link>,
          },
        ]),
    { key: 'plans', label: <Link to="/plans">{t('nav.plans')}</Link> },
    { key: 'indicators', label: <Link to="/indicators">{t('nav.indicators')}</Link> },
    { key: 'documents', label: <Link to="/documents">{t('nav.documents')}</Link> },
    { key: 'units', label: <Link to="/units">{t('nav.units')}</Link> },
    ...(allows(me, 'audit.read') ? [{ key: 'audit', label: <Link to="/audit">{t('nav.audit')}</Link> }] : []),
    ...(allows(me, 'user.manage') ? [{ key: 'users', label: <Link to="/users">{t('nav.users')}</Link> }] : []),
    ...(allows(me, 'job.manage') ? [{ key: 'jobs', label: <Link to="/jobs">{t('nav.jobs')}</Link> }] : []),
  ];
  const [passwordOpen, setPasswordOpen] = useState(false);
  const userMenu: MenuProps = {
    items: [
      { key: 'password', label: t('account.changePassword') },
      { key: 'logout', label: t('auth.logout') },
    ],
    onClick: ({ key }) => (key === 'password' ? setPasswordOpen(true) : onLogout()),
  };

  const onLogout = () => {
    setDrawerOpen(false);
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  const brand = (
    <Link to="/" className="tk-brand" aria-label={t('app.name')}>
      <span className="tk-brand-star">
        <StarIcon />
      </span>
      <span className="tk-brand-name">{t('app.name')}</span>
    </Link>
  );

  return (
    <Layout className="tk-shell">
      <Layout.Header className="tk-header">
        {isMobile ? (
          <>
            <Button
              type="text"
              className="tk-header-button"
              aria-label={t('nav.openMenu')}
              icon={<MenuIcon />}
              onClick={() => setDrawerOpen(true)}
            />
            {brand}
            <div className="tk-header-spacer" />
            <NotificationBell />
            <LanguageSwitch />
          </>
        ) : (
          <>
            {brand}
            <Menu className="tk-header-menu" theme="dark" mode="horizontal" selectedKeys={selected} items={items} />
            <div className="tk-header-user">
              <NotificationBell />
              <LanguageSwitch />
              <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                <Button
                  type="text"
                  className="tk-header-name tk-header-button"
                  title={me?.homeUnit?.name ?? undefined}
                  loading={logout.isPending}
                  data-testid="user-menu"
                >
                  {me?.displayName}
                </Button>
              </Dropdown>
            </div>
          </>
        )}
      </Layout.Header>

      {isMobile ? (
        <Drawer
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.name')}
          styles={{ body: { padding: 0 } }}
        >
          <div className="tk-drawer-user">
            <Typography.Text strong>{me?.displayName}</Typography.Text>
            {me?.homeUnit ? <Typography.Text type="secondary">{me.homeUnit.name}</Typography.Text> : null}
          </div>
          <Menu mode="inline" selectedKeys={selected} items={items} onClick={() => setDrawerOpen(false)} />
          <div className="tk-drawer-footer">
            <Button
              block
              onClick={() => {
                setDrawerOpen(false);
                setPasswordOpen(true);
              }}
            >
              {t('account.changePassword')}
            </Button>
            <Button block onClick={onLogout} loading={logout.isPending}>
              {t('auth.logout')}
            </Button>
          </div>
        </Drawer>
      ) : null}

      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      <Layout.Content className="tk-content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="tk-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
