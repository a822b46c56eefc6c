import { Button, Drawer, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { MenuIcon, StarIcon } from '../components/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';
import { useIsMobile } from '../components/useIsMobile';
import { useI18n } from '../i18n/I18nProvider';
import { can, useLogout, useMe } from './auth';

const SECTIONS = ['plans', 'documents', 'units', 'audit', 'jobs'] as const;

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

  const items: MenuProps['items'] = [
    { key: 'plans', label: <Link to="/plans">{t('nav.plans')}</Link> },
    { key: 'documents', label: <Link to="/documents">{t('nav.documents')}</Link> },
    { key: 'units', label: <Link to="/units">{t('nav.units')}</Link> },
    ...(can(me, 'audit.read') ? [{ key: 'audit', label: <Link to="/audit">{t('nav.audit')}</Link> }] : []),
    ...(can(me, 'users.manage') ? [{ key: 'jobs', label: <Link to="/jobs">{t('nav.jobs')}</Link> }] : []),
  ];

  const onLogout = () => {
    setDrawerOpen(false);
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  const brand = (
    <Link to="/plans" className="tk-brand" aria-label={t('app.name')}>
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
            <LanguageSwitch />
          </>
        ) : (
          <>
            {brand}
            <Menu className="tk-header-menu" theme="dark" mode="horizontal" selectedKeys={selected} items={items} />
            <div className="tk-header-user">
              <span className="tk-header-name" title={me?.homeUnit?.name ?? undefined}>
                {me?.displayName}
              </span>
              <LanguageSwitch />
              <Button size="small" ghost onClick={onLogout} loading={logout.isPending}>
                {t('auth.logout')}
              </Button>
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
            <Button block onClick={onLogout} loading={logout.isPending}>
              {t('auth.logout')}
            </Button>
          </div>
        </Drawer>
      ) : null}

      <Layout.Content className="tk-content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="tk-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
