import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n/I18nProvider';

export default function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('error.notFoundTitle'));
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.pageNotFound')}
      data-testid="not-found"
      extra={
        <Link to="/plans">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
