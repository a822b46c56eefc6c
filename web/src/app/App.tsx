import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, theme as antTheme, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { type ReactNode, useCallback } from 'react';
import { BrowserRouter } from 'react-router';
import { useIsTouch } from '../components/useIsMobile';
import { I18nProvider, type Language, useI18n } from '../i18n/I18nProvider';
import { queryClient } from './queryClient';
import { AppRoutes } from './routes';

const THEME = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    colorPrimary: '#a4161a',
    colorLink: '#1d4ed8',
    borderRadius: 6,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, system-ui, -apple-system, sans-serif",
  },
};

/** On touch screens every control is at least 40 px high (tap targets); styles.css does the rest. */
const TOUCH_THEME = {
  ...THEME,
  token: { ...THEME.token, controlHeight: 40, controlHeightSM: 40, controlHeightLG: 44 },
};

function LocalizedAnt({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const touch = useIsTouch();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={touch ? TOUCH_THEME : THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  // Messages from the server (problem details, names) follow the language: fetch again.
  const onLanguageChange = useCallback((_: Language) => {
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider onChange={onLanguageChange}>
        <LocalizedAnt>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </LocalizedAnt>
      </I18nProvider>
    </QueryClientProvider>
  );
}
