import { Segmented } from 'antd';
import { type Language, useI18n } from '../i18n/I18nProvider';

export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Language>
      className={className}
      size="small"
      aria-label={t('app.language')}
      value={lang}
      onChange={setLang}
      options={[
        { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
        { label: 'EN', value: 'en', title: 'English' },
      ]}
    />
  );
}
