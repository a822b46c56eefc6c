import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useMe } from '../../app/auth';
import type { LoginState } from '../../app/RequireAuth';
import { useErrorMessage } from '../../components/ErrorResult';
import { StarIcon } from '../../components/icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n/I18nProvider';

interface LoginForm {
  username: string;
  password: string;
}

/** Where to go after signing in: back where the user came from, never off the site; else the
 * landing page (`/`: "Việc cần làm" for a unit's officer or head, the home for a leader). */
function destination(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const target = destination(location.state);

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.name')}`;
  }, [t]);

  if (me.data) return <Navigate to={target} replace />;

  const onFinish = (values: LoginForm) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      { onSuccess: () => navigate(target, { replace: true }) },
    );
  };

  return (
    <main className="tk-login">
      <div className="tk-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="tk-login-card">
        <div className="tk-login-brand">
          <span className="tk-login-star">
            <StarIcon />
          </span>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input autoComplete="username" autoCapitalize="none" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          {login.isError ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="login-error"
              title={errorMessage(login.error)}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
