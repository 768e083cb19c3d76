import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

import type { Lang } from '../platform/settings';

/** Interface languages: Simplified Chinese is the default. */
export type { Lang };
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'zh-Hans', label: '简体中文' },
  { id: 'zh-Hant', label: '繁體中文' },
  { id: 'en', label: 'English' },
];

/** One screen's messages in every language; the compiler checks that no language misses a key. */
export type Dict<K extends string> = Record<Lang, Record<K, string>>;

/** Declares a screen's messages (keeps them beside the screen that uses them). */
export function defineMessages<K extends string>(dict: Dict<K>): Dict<K> {
  return dict;
}

export const LangContext = createContext<Lang>('zh-Hans');

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  return vars ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : template;
}

/** The translate function of a screen's messages in the current language. */
export function useT<K extends string>(dict: Dict<K>): Translate<K> {
  const lang = useContext(LangContext);
  return (key, vars) => format(dict[lang][key], vars);
}

/** Picks a language from the browser's preferences when the user has not chosen one. */
export function guessLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return /hant|tw|hk|mo/.test(low) ? 'zh-Hant' : 'zh-Hans';
    if (low.startsWith('en')) return 'en';
  }
  return 'zh-Hans';
}
