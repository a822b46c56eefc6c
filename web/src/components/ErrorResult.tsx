import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** A failed load shown as a page: 403 and 404 get their own pictures and the server's words. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const apiError = error instanceof ApiError ? error : null;
  const detail = apiError?.detail || undefined;
  const home = (
    <Link to="/plans">
      <Button type="primary">{t('error.backHome')}</Button>
    </Link>
  );

  if (apiError?.status === 403) {
    return (
      <Result
        data-testid="forbidden"
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={detail ?? t('error.forbidden')}
        extra={home}
      />
    );
  }
  if (apiError?.status === 404) {
    return (
      <Result status="404" title={t('error.notFoundTitle')} subTitle={detail ?? t('error.notFound')} extra={home} />
    );
  }
  const subTitle = apiError?.code === 'network' ? t('error.network') : (detail ?? t('error.generic'));
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={subTitle}
      extra={onRetry ? <Button onClick={onRetry}>{t('action.retry')}</Button> : home}
    />
  );
}

/** The server's message for a failed action, or a generic one. */
export function useErrorMessage() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.code === 'network') return t('error.network');
      return error.detail || t('error.generic');
    }
    return t('error.generic');
  };
}
