/**
 * A tiny i18n: Spanish (Peru) first, English as the switch. Each area declares its own
 * messages with `defineMessages` (so a page's words travel with its code chunk); the
 * English table must have every Spanish key (checked by the compiler).
 */
// @ts-nocheck

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'es' | 'en';
export interface Messages<K extends string> {
  es: Record<K, string>;
  en: Record<K, string>;
}
export type Vars = Record<string, string | number>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

export function defineMessages<const E extends Record<string, string>>(es: E, en: Record<keyof E, string>): Messages<keyof E & string> {
  return { es, en } as Messages<keyof E & string>;
}

const STORAGE_KEY = 'veta.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked; Spanish is the default.
  }
  return 'es';
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'es', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the switch still applies to this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'es' ? 'es-PE' : 'en';
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The translate function of a message table in the current language. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { lang } = useLang();
  return useCallback((key: K, vars?: Vars) => interpolate(messages[lang][key] ?? messages.es[key] ?? key, vars), [lang, messages]);
}
