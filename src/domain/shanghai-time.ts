/**
 * Times as the office reads them: Asia/Shanghai (UTC+8 all year, no daylight saving since 1991).
 * Records carry UTC (RFC 3339 `Z`); reports and exports show the same instant with `+08:00`.
 */
const OFFSET_MS = 8 * 3_600_000;

const toMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));

/**
 * The instant as ISO 8601 in Asia/Shanghai, milliseconds kept: `2026-11-21T08:00:00.000Z` →
 * `2026-11-21T16:00:00.000+08:00`. Null for a time that is not one.
 */
export function shanghaiIso(t: number | string): string | null {
  const ms = toMs(t);
  if (!Number.isFinite(ms)) return null;
  return new Date(ms + OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The Asia/Shanghai calendar date of an instant in Chinese, as a 通报 is dated: `2026年12月3日`. */
export function shanghaiDateZh(t: number | string): string {
  const iso = shanghaiIso(t);
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2026-12-03 16:26` in Asia/Shanghai, for a line of text beside a figure. */
export function shanghaiMinute(t: number | string): string {
  const iso = shanghaiIso(t);
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '';
}
