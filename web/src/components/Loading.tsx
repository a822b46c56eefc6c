import { Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="tk-loading" role="status" aria-live="polite">
      <Spin />
      <span className="tk-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
