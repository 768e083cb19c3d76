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

/** One screen's messages in every language. */
export type Dict<K extends string> = Record<Lang, Record<K, string>>;

/** The strings of one screen in one language: the compiler checks that none is missing or extra. */
export type Strings<D extends Dict<string>> = D['zh-Hans'];

/** The languages besides the default one, each loaded on demand into one chunk of its own. */
type OtherLang = Exclude<Lang, 'zh-Hans'>;
type Pack = Readonly<Record<string, Record<string, string>>>;
const packs: Partial<Record<OtherLang, Pack>> = {};
const loaders: Record<OtherLang, () => Promise<{ default: Pack }>> = {
  'zh-Hant': () => import('./lang/zh-Hant'),
  en: () => import('./lang/en'),
};

/**
 * Declares a screen's messages. The Simplified Chinese strings stay beside the screen that uses
 * them; the other languages live in sibling files (`messages.zh-Hant.ts`, `messages.en.ts`) that
 * only the language's own chunk holds, read under `id` (the module's path below `src/`). Until
 * that chunk is loaded (`loadLang`), a language reads as Simplified Chinese.
 */
export function defineMessages<K extends string>(id: string, dict: { 'zh-Hans': Record<K, string> }): Dict<K> {
  const own = dict['zh-Hans'];
  const other = (lang: OtherLang) => (packs[lang]?.[id] as Record<K, string> | undefined) ?? own;
  return {
    'zh-Hans': own,
    get 'zh-Hant'() {
      return other('zh-Hant');
    },
    get en() {
      return other('en');
    },
  };
}

/** Whether a language's strings are at hand (Simplified Chinese always is). */
export function langLoaded(lang: Lang): boolean {
  return lang === 'zh-Hans' || packs[lang] !== undefined;
}

/**
 * Loads a language's strings (one chunk, precached by the service worker for offline use), so
 * that the first render in it already speaks it. Resolves at once for a loaded language.
 */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'zh-Hans' || packs[lang]) return;
  packs[lang] = (await loaders[lang]()).default;
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
