/**
 * The record rules that are not a matter of shape (PROTOCOL.md "Stricter record validity"): real
 * instants in a sane range, bounded strings without U+0000 or lone surrogates, integers only, image
 * attachments. validate.ts applies them; the server's quick check (server/ingest/quick-check.ts)
 * calls the same functions for the fields it knows.
 */

/** Earliest and latest instant a record may name: years 2000 to 2100 (UTC), both included. */
export const TIME_MIN_MS = Date.UTC(2000, 0, 1);
export const TIME_MAX_MS = Date.UTC(2101, 0, 1) - 1;
/** How far a device clock may run ahead of the server, and before the device's enrollment. */
export const CLOCK_SLACK_MS = 10 * 60_000;
/** An f2f's durationMs may exceed sealedAt − createdAt by this much (rounding of the tablet's clocks). */
export const DURATION_SLACK_MS = 1000;
/** Free text (comment, opinion and complaint text, reason) and every other string, in characters. */
export const TEXT_MAX = 2000;
export const STRING_MAX = 200;
/** `sealed.ct` is binary (b64u), not text: its own bound. */
export const SEALED_CT_MAX = 65_536;
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The instant a protocol time names, in ms since the epoch, or undefined unless it is RFC 3339 UTC
 * with milliseconds, a real calendar date and time (no month 13, no 30 February, no hour 24) and
 * within TIME_MIN_MS … TIME_MAX_MS. Read digit by digit: it runs twice for every record ingested.
 */
export function instantMs(s: unknown): number | undefined {
  if (typeof s !== 'string' || !TIME_RE.test(s)) return undefined;
  const num = (at: number, digits: number) => {
    let v = 0;
    for (let i = at; i < at + digits; i++) v = v * 10 + s.charCodeAt(i) - 48;
    return v;
  };
  const year = num(0, 4);
  const month = num(5, 2);
  const day = num(8, 2);
  const hour = num(11, 2);
  const minute = num(14, 2);
  const second = num(17, 2);
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, num(20, 3));
}

/** U+0000 or any surrogate: the rare case, checked precisely below. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what a record may not hold
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Unicode code points of a string (UTF-16 length when it holds no surrogate pair). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Why a string may not stand in a record, or null: U+0000, a lone surrogate, or over `max` characters. */
export function stringProblem(s: string, max: number): string | null {
  if (SUSPECT.test(s)) {
    if (s.includes('\u0000')) return 'a string may not hold U+0000';
    if (LONE_SURROGATE.test(s)) return 'a string may not hold a lone surrogate (it is not valid UTF-8)';
  }
  // Code points ≤ UTF-16 units: counting is needed only past the bound.
  if (s.length > max && codePoints(s) > max) return `at most ${max} characters here, this one has ${codePoints(s)}`;
  return null;
}

/** True when a string passes stringProblem (the quick check's form). */
export const stringOk = (s: unknown, max: number): s is string => typeof s === 'string' && stringProblem(s, max) === null;

/** Does a blob's start carry the signature of its declared image type? */
export function imageSignatureMatches(mime: string, head: Uint8Array): boolean {
  const at = (offset: number, bytes: number[]) => bytes.every((b, i) => head[offset + i] === b);
  switch (mime) {
    case 'image/jpeg':
      return at(0, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/webp':
      return at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50]); // RIFF …. WEBP
    default:
      return false;
  }
}

export interface ValueProblem {
  path: (string | number)[];
  message: string;
}

/** Where a record type's body holds free text: keys whose string is free text, lists whose items' `text` is. */
interface FreeText {
  keys: readonly string[];
  lists: readonly string[];
  /** The amend's replacement body (of the target's type, so any original type's free text). */
  inner?: FreeText;
}
const ORIGINAL_TEXT: FreeText = { keys: ['comment', 'note'], lists: ['opinions', 'complaints'] };
const FREE_TEXT: Record<string, FreeText> = {
  f2f: { keys: ['comment'], lists: [] },
  forum: { keys: [], lists: ['opinions'] },
  stall: { keys: [], lists: ['complaints'] },
  visit: { keys: [], lists: [] },
  followup: { keys: ['note'], lists: [] },
  amend: { keys: ['reason'], lists: [], inner: ORIGINAL_TEXT },
  void: { keys: ['reason'], lists: [] },
};
const NO_FREE_TEXT: FreeText = { keys: [], lists: [] };
/** An opinion or a complaint: its `text` is free text. */
const TEXT_ITEM: FreeText = { keys: ['text'], lists: [] };

/** How the members of an object are checked: a bound for a plain value, or a nested part's own rules. */
type Part = number | { free: FreeText } | 'texts' | 'sealed';

/**
 * Every string (object keys included) and number of a record: strings bounded (free text
 * TEXT_MAX, `sealed.ct` SEALED_CT_MAX, anything else STRING_MAX) and clean, numbers safe integers.
 * Free text is an f2f's `comment`, a follow-up's `note`, a forum's opinions' and a stall's complaints' `text`, an amend's
 * or void's `reason`, and the free text of an amend's replacement `body`.
 */
export function valueProblem(record: Record<string, unknown>): ValueProblem | null {
  const path: (string | number)[] = [];
  const fail = (message: string): ValueProblem => ({ path: [...path], message });
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

  const value = (x: unknown, max: number): ValueProblem | null => {
    if (typeof x === 'string') {
      const p = stringProblem(x, max);
      return p ? fail(p) : null;
    }
    if (typeof x === 'number') return Number.isSafeInteger(x) ? null : fail('numbers in a record must be integers (at most 2^53 − 1 in size)');
    if (typeof x !== 'object' || x === null) return null;
    if (Array.isArray(x)) return items(x, STRING_MAX);
    return members(x as Record<string, unknown>, () => STRING_MAX);
  };

  const items = (list: unknown[], part: Part): ValueProblem | null => {
    for (let i = 0; i < list.length; i++) {
      path.push(i);
      const p = check(list[i], part);
      if (p) return p;
      path.pop();
    }
    return null;
  };

  const check = (v: unknown, part: Part): ValueProblem | null => {
    if (typeof part === 'number') return value(v, part);
    if (part === 'texts') return Array.isArray(v) ? items(v, { free: TEXT_ITEM }) : value(v, STRING_MAX);
    if (!isObject(v)) return value(v, STRING_MAX);
    if (part === 'sealed') return members(v, (k) => (k === 'ct' ? SEALED_CT_MAX : STRING_MAX));
    const free = part.free;
    return members(v, (k, x) =>
      free.keys.includes(k) ? TEXT_MAX : free.lists.includes(k) ? 'texts' : k === 'body' && free.inner && isObject(x) ? { free: free.inner } : STRING_MAX,
    );
  };

  const members = (o: Record<string, unknown>, partOf: (key: string, v: unknown) => Part): ValueProblem | null => {
    for (const k in o) {
      path.push(k);
      const keyProblem = stringProblem(k, STRING_MAX);
      if (keyProblem) return fail(`member name: ${keyProblem}`);
      const v = o[k];
      const p = check(v, partOf(k, v));
      if (p) return p;
      path.pop();
    }
    return null;
  };

  const free = (typeof record.type === 'string' && Object.hasOwn(FREE_TEXT, record.type) ? FREE_TEXT[record.type] : undefined) ?? NO_FREE_TEXT;
  return members(record, (k) => (k === 'body' ? { free } : k === 'sealed' ? 'sealed' : STRING_MAX));
}
