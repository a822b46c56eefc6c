import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import viJson from './vi.json';

/**
 * A tiny translation layer: Vietnamese (`vi.json`) is the reference, the default and part of the
 * first screen; English (`en.json`) is its own chunk, fetched when it is chosen, and must have
 * exactly the same keys (checked by the compiler below).
 */
export type Language = 'vi' | 'en';
export type MessageKey = keyof typeof viJson;
export type Params = Record<string, string | number>;
type Dictionary = Record<MessageKey, string>;

const dictionaries: Partial<Record<Language, Dictionary>> = { vi: viJson };
const STORAGE_KEY = 'trienkhai.lang';

/** Loads a language's messages once (English is fetched on first use). */
export async function loadLanguage(lang: Language): Promise<void> {
  if (dictionaries[lang]) return;
  // Typed as a Dictionary: the compiler refuses an English file that lacks a Vietnamese key.
  const english: Dictionary = (await import('./en.json')).default;
  dictionaries.en = english;
}

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
    async (next: Language) => {
      try {
        await loadLanguage(next);
      } catch {
        return; // the messages could not be fetched (offline): the screen stays as it is
      }
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
    // main.tsx loads the saved language before the first render; Vietnamese is the fallback.
    const dict = dictionaries[lang] ?? viJson;
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
