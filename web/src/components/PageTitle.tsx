import { Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Puts the page's name into the browser tab title. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

/** The page heading (h1), also used as the tab title. */
export function PageTitle({ children, title, extra }: { children: ReactNode; title: string; extra?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="tk-page-title">
      <Typography.Title level={1} className="tk-h1">
        {children}
      </Typography.Title>
      {extra ? <div className="tk-page-title-extra">{extra}</div> : null}
    </div>
  );
}
