import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import enJson from './en.json';
import viJson from './vi.json';

/**
 * A tiny translation layer: Vietnamese (`vi.json`) is the reference and the default; the
 * English file must have exactly the same keys (checked by the compiler below).
 */
export type Language = 'vi' | 'en';
export type MessageKey = keyof typeof viJson;
export type Params = Record<string, string | number>;

const en: Record<MessageKey, string> = enJson;
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { vi: viJson, en };
const STORAGE_KEY = 'trienkhai.lang';

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall back to the default
  }
  return 'vi';
}

export interface I18n {
  lang: Language;
  setLang: (lang: Language) => void;
  /** The message for `key`, with `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: Params) => string;
  /** The message for a key built from data (`role.lead`); the raw `fallback` when there is none. */
  label: (prefix: string, code: string | null | undefined, fallback?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (lang: Language) => void }) {
  const [lang, setLangState] = useState<Language>(() => {
    const initial = initialLanguage();
    setApiLanguage(initial);
    document.documentElement.lang = initial;
    return initial;
  });

  const setLang = useCallback(
    (next: Language) => {
      setApiLanguage(next);
      document.documentElement.lang = next;
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not fatal: the choice lasts for this visit only
      }
      setLangState(next);
      onChange?.(next);
    },
    [onChange],
  );

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    const t = (key: MessageKey, params?: Params) => interpolate(dict[key] ?? viJson[key] ?? key, params);
    const label = (prefix: string, code: string | null | undefined, fallback?: string) => {
      if (!code) return fallback ?? '';
      const key = `${prefix}.${code}`;
      return key in dict ? dict[key as MessageKey] : (fallback ?? code);
    };
    return { lang, setLang, t, label };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
