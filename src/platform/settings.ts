import { createStore, get, set, update, type UseStore } from 'idb-keyval';
/** Interface languages (the labels and messages are in src/ui/i18n.ts): Simplified Chinese is the default. */
export type Lang = 'zh-Hans' | 'zh-Hant' | 'en';

/** Which campaign the tablet works in: the built-in practice one, or the one it enrolled in. */
export type SessionMode = 'practice' | 'enrolled';

/** The tablet's own preferences, kept apart from the records database (idb-keyval). */
export interface Settings {
  lang(): Promise<Lang | undefined>;
  setLang(lang: Lang): Promise<void>;
  mode(): Promise<SessionMode | undefined>;
  setMode(mode: SessionMode): Promise<void>;
  /** The practice chain's device id: made once (by `make`), then the same on every start. */
  practiceDeviceId(make: () => string): Promise<string>;
}

const LANG_IDS: readonly string[] = ['zh-Hans', 'zh-Hant', 'en'] satisfies Lang[];
const KEYS = { lang: 'lang', mode: 'mode', practiceDeviceId: 'practiceDeviceId' } as const;

/**
 * Opens the settings store. Throws at once when the browser has no IndexedDB at all, so the
 * shell can say so instead of failing later on the first read.
 */
export function openSettings(store: UseStore = createStore('pingyi-settings', 'settings')): Settings {
  return {
    async lang() {
      const v = await get<unknown>(KEYS.lang, store);
      return typeof v === 'string' && LANG_IDS.includes(v) ? (v as Lang) : undefined;
    },
    setLang: (lang) => set(KEYS.lang, lang, store),
    async mode() {
      const v = await get<unknown>(KEYS.mode, store);
      return v === 'practice' || v === 'enrolled' ? v : undefined;
    },
    setMode: (mode) => set(KEYS.mode, mode, store),
    async practiceDeviceId(make) {
      // update() reads and writes in one transaction: two tabs starting at once get the same id.
      await update<string>(KEYS.practiceDeviceId, (old) => (typeof old === 'string' && old ? old : make()), store);
      return (await get<string>(KEYS.practiceDeviceId, store))!;
    },
  };
}
