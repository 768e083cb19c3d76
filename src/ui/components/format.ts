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
function formatter(lang: Lang, style: 'dateTime' | 'time'): Intl.DateTimeFormat {
  const key = `${lang} ${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = style === 'dateTime' ? { dateStyle: 'medium', timeStyle: 'short' } : { hour: '2-digit', minute: '2-digit' };
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

const ZH_WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A long date for headings, in the tablet's zone: 2026年11月21日星期六, 2026年11月21日 星期六,
 * Saturday, 21 November 2026 (what Intl's full date style gives in zh-CN, zh-TW and en-GB).
 * Spelled out rather than formatted by Intl: the home screen shows it before its counts, and
 * making a full-style Intl formatter costs a slow tablet hundreds of milliseconds.
 */
export function formatLongDate(ms: number, lang: Lang): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const [y, m, day, w] = [d.getFullYear(), d.getMonth(), d.getDate(), d.getDay()];
  if (lang === 'en') return `${EN_WEEKDAYS[w]}, ${day} ${EN_MONTHS[m]} ${y}`;
  return `${y}年${m + 1}月${day}日${lang === 'zh-Hant' ? ' ' : ''}星期${ZH_WEEKDAYS[w]}`;
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
