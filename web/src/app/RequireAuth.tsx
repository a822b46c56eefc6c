import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorResult } from '../components/ErrorResult';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { allows, useMe } from './auth';

export interface LoginState {
  from?: string;
}

/** Pages behind the login: without a session, go to /login and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const state: LoginState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

/** A page only for users the server allows a list-level action (`/auth/me` → `actions`). */
export function RequireAction({ action, children }: { action: string; children: ReactNode }) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (!allows(me, action)) {
    return (
      <Result data-testid="forbidden" status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbidden')} />
    );
  }
  return <>{children}</>;
}
