import type { Lang } from '../i18n';

const LOCALE: Record<Lang, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

/** The locale tag for Intl formatting in an interface language. */
export function localeOf(lang: Lang): string {
  return LOCALE[lang];
}

/**
 * One Intl.DateTimeFormat per language and style, made on first use: making one costs about a
 * millisecond, and a list row or a progress update formats several dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, style: 'dateTime' | 'time' | 'long'): Intl.DateTimeFormat {
  const key = `${lang} ${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : style === 'time' ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'full' };
    f = new Intl.DateTimeFormat(LOCALE[lang], options);
    formatters.set(key, f);
  }
  return f;
}

/** Date and time in the tablet's zone, e.g. 2026/11/21 09:30. */
export function formatDateTime(t: string | number, lang: Lang): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return formatter(lang, 'dateTime').format(d);
}

/** Time of day only, for rows of one day. */
export function formatTime(t: string | number, lang: Lang): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return formatter(lang, 'time').format(d);
}

/** A long date for headings: 2026年11月21日星期六. */
export function formatLongDate(ms: number, lang: Lang): string {
  return formatter(lang, 'long').format(new Date(ms));
}

/** Bytes as MB/GB with one decimal. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** A duration in minutes and seconds (questionnaire time). */
export function formatDuration(ms: number, lang: Lang): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (lang === 'en') return m ? `${m} min ${r} s` : `${r} s`;
  return m ? `${m} 分 ${r} 秒` : `${r} 秒`;
}
