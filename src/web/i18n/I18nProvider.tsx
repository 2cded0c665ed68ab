import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, ja, type Messages } from './messages';

export type Lang = 'ja' | 'en';

type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Messages;
  /** A plain date: 2026年11月24日 in Japanese, 2026-11-24 in English. */
  formatDate: (date: string | null | undefined) => string;
  /** A timestamp as a day and time in the organization's time zone. */
  formatDateTime: (iso: string | null | undefined) => string;
};

const STORAGE_KEY = 'kumiai.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable (private mode): Japanese is the default
  }
  return 'ja';
}

export function formatPlainDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  if (lang === 'en') return date;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function I18nProvider({
  children,
  timeZone = 'Asia/Tokyo',
  lang: fixedLang,
}: {
  children: ReactNode;
  timeZone?: string;
  lang?: Lang;
}) {
  const [lang, setLangState] = useState<Lang>(fixedLang ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still applies to this tab
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-CA', {
      timeZone,
      year: 'numeric',
      month: lang === 'ja' ? 'long' : '2-digit',
      day: lang === 'ja' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return {
      lang,
      setLang,
      t: (lang === 'ja' ? ja : en) as Messages,
      formatDate: (date) => formatPlainDate(date, lang),
      formatDateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : ''),
    };
  }, [lang, setLang, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
