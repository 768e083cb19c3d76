import type { Campaign } from '../../../domain/campaign';
import { isoTime } from '../../../domain/ids';

/**
 * Pure helpers shared by the forms. A draft's body is always kept in the exact protocol shape:
 * an optional field left empty is absent (never "" or {}), so the sealed body is the draft's body.
 */

export type Body = Record<string, unknown>;

/** Something that keeps a form from being sealed: the anchor to scroll to and words for the person. */
export interface Missing {
  /** Element id suffix: the question is rendered with id `q-<anchor>`. */
  anchor: string;
  label: string;
  /** Answered, but not acceptable as it stands (a stall closed before it opened). */
  wrong?: boolean;
}

/** The body with `key` set, or removed when the value is empty (undefined, '', [] or {}). */
export function withField(body: Body, key: string, value: unknown): Body {
  const next = { ...body };
  if (isEmpty(value)) delete next[key];
  else next[key] = value;
  return next;
}

export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Adds or removes one id from a multi-choice list, keeping the campaign's order. */
export function toggleIn(list: string[], id: string, order: string[]): string[] {
  const set = new Set(list);
  if (set.has(id)) set.delete(id);
  else set.add(id);
  return order.filter((x) => set.has(x));
}

/** An RFC 3339 time as the value of an <input type=datetime-local> (local wall time, minutes). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The value of a datetime-local input as RFC 3339 UTC with milliseconds; undefined when empty or bad. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const ms = new Date(value).getTime(); // no zone: read as local time
  return Number.isNaN(ms) ? undefined : isoTime(ms);
}

/** The time now in the protocol's format. */
export function nowIso(now: number = Date.now()): string {
  return isoTime(now);
}

export function unitName(c: Campaign, id: unknown): string {
  return c.units.find((u) => u.id === id)?.name ?? String(id ?? '');
}

export function labelOf(list: { id: string; label: string }[] | undefined, id: unknown): string {
  return list?.find((x) => x.id === id)?.label ?? String(id ?? '');
}

export function levelLabel(c: Campaign, key: unknown): string {
  return c.scale.find((l) => l.key === key)?.label ?? String(key ?? '');
}

/** Units as choice options, in the campaign's order. */
export function unitOptions(c: Campaign): { value: string; label: string }[] {
  return c.units.map((u) => ({ value: u.id, label: u.name }));
}
