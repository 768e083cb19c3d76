import Dexie from 'dexie';
import type { RecordType } from '../domain/records';
import type { Draft, PingyiDb, StoredBlob, StoredRecord } from './db';

// The screens' read side. Every list is scoped to one device chain (the session's deviceId): the
// practice chain and an enrolled chain never mix, even when both name campaign `demo`.
// Reads stay short: with 50,000 records one getAllKeys or count() over a whole index takes
// seconds on a slow tablet and holds up every other read of the app, so lists read by seq
// ranges instead (see chainHead and scanRecords).

import { localDay } from './day';
import { isReceived, receivedThrough } from './received';

export { localDay };

/**
 * The record types in display order. Spelled out here rather than imported from domain/records,
 * which would bring zod into the home screen's first load.
 */
export const TYPES: readonly RecordType[] = ['f2f', 'forum', 'visit', 'stall', 'followup', 'amend', 'void'];

export type TypeCounts = Record<RecordType, number>;

/** Records sealed by the device on one day, by type: one read of the day's row (store/day-tally.ts). */
export async function dayCounts(db: PingyiDb, deviceId: string, day: string): Promise<TypeCounts> {
  const row = await db.days.get([deviceId, day]);
  return Object.fromEntries(TYPES.map((t) => [t, row?.byType[t] ?? 0])) as TypeCounts;
}

/** The device's drafts, most recently touched first. */
export async function draftsOf(db: PingyiDb, deviceId: string): Promise<Draft[]> {
  const all = await db.drafts.orderBy('updatedAt').toArray();
  return all.filter((d) => d.deviceId === deviceId).reverse();
}

/** Sealed records of the device that no verified receipt covers yet (a chain has no gaps). */
export async function unsentCount(db: PingyiDb, deviceId: string): Promise<number> {
  const [head, through] = await Promise.all([chainHead(db, deviceId), receivedThrough(db, deviceId)]);
  return Math.max(0, head - through);
}

/** The record list's filters; every one optional. */
export interface RecordFilter {
  type?: RecordType;
  unitId?: string;
  /** YYYY-MM-DD, local day of sealing (of the last change, for drafts). */
  day?: string;
  sent?: 'sent' | 'unsent';
}

/** Whether the list has any filter (the unfiltered list is read by seq, without a scan). */
export function isFiltered(f: RecordFilter): boolean {
  return !!(f.type || f.unitId || f.day || f.sent);
}

/** Whether a record of the device passes the filter; `through` is the device's received mark. */
export function passes(r: StoredRecord, deviceId: string, f: RecordFilter, through: number): boolean {
  return (
    r.deviceId === deviceId &&
    (!f.type || r.type === f.type) &&
    (!f.unitId || r.unitIds.includes(f.unitId)) &&
    (!f.day || r.day === f.day) &&
    (!f.sent || isReceived(r, through) === (f.sent === 'sent'))
  );
}

const chainRange = (db: PingyiDb, deviceId: string, lo: number | typeof Dexie.minKey, hi: number | typeof Dexie.maxKey) =>
  db.records.where('[deviceId+seq]').between([deviceId, lo], [deviceId, hi], true, true);

/**
 * The highest seq of the device's chain (0 when empty). A chain has no gaps (sealDraft gives
 * seq n+1 after n in one transaction), so this is also how many records the device sealed, and
 * row i of the newest-first list is seq head − i: the unfiltered list needs no key list at all.
 */
export async function chainHead(db: PingyiDb, deviceId: string): Promise<number> {
  const keys = await chainRange(db, deviceId, Dexie.minKey, Dexie.maxKey).reverse().limit(1).keys();
  const top = keys[0] as unknown as [string, number] | undefined;
  return top ? top[1] : 0;
}

/** Rows [start, end) of the unfiltered newest-first list; a missing seq is left undefined. */
export async function chainRows(db: PingyiDb, deviceId: string, head: number, start: number, end: number): Promise<(StoredRecord | undefined)[]> {
  const hi = head - start;
  const lo = Math.max(1, head - end + 1);
  if (hi < lo) return [];
  const found = await chainRange(db, deviceId, lo, hi).toArray();
  const bySeq = new Map(found.map((r) => [r.seq, r]));
  return Array.from({ length: hi - lo + 1 }, (_, k) => bySeq.get(hi - k));
}

/** Records read per step of a scan: small enough that other reads get their turn in between. */
export const SCAN_WINDOW = 500;
/** The first step is smaller, so the first rows of a filtered list show sooner. */
const FIRST_WINDOW = 120;

/**
 * Finds the device's records that pass a filter, newest first, a window of seqs at a time, and
 * hands each window's matches to `onMatches`; it stops early when that returns false. Each
 * window is one short read, so the list's other reads are not held up behind a long one (in
 * Chromium one long IndexedDB read delays every other read of the app). A sending filter is a
 * range of seqs (the device's received mark splits the chain in two); a day filter reads the
 * day's own index, a window at a time too (scanDay).
 */
export async function scanRecords(
  db: PingyiDb,
  deviceId: string,
  f: RecordFilter,
  onMatches: (matches: StoredRecord[]) => boolean | void,
  window = SCAN_WINDOW,
): Promise<void> {
  const through = await receivedThrough(db, deviceId);
  if (f.day) return scanDay(db, deviceId, f, through, onMatches, window);
  const head = await chainHead(db, deviceId);
  // Sent: seqs 1..through; not sent: through+1..head.
  const top = f.sent === 'sent' ? Math.min(head, through) : head;
  const bottom = f.sent === 'unsent' ? through + 1 : 1;
  let span = Math.min(window, FIRST_WINDOW);
  for (let hi = top; hi >= bottom;) {
    const lo = Math.max(bottom, hi - span + 1);
    const rows = await chainRange(db, deviceId, lo, hi).toArray();
    if (onMatches(rows.filter((r) => passes(r, deviceId, f, through)).reverse()) === false) return;
    hi = lo - 1;
    span = window;
  }
}

/**
 * A day filter: the day's records newest first through the [day+sealedAt] index, a window at a
 * time like the other filters (a busy day holds tens of thousands of records, and one read of them
 * all would hold up every write behind it). A window ends before its oldest sealedAt, so the next
 * one starts there and no record is missed or repeated; a window of one instant only is read whole.
 */
async function scanDay(
  db: PingyiDb,
  deviceId: string,
  f: RecordFilter,
  through: number,
  onMatches: (matches: StoredRecord[]) => boolean | void,
  window: number,
): Promise<void> {
  const day = f.day!;
  const keep = (rows: StoredRecord[]) => rows.filter((r) => passes(r, deviceId, f, through));
  let upper: string | typeof Dexie.maxKey = Dexie.maxKey;
  let upperOpen = false;
  let span = Math.min(window, FIRST_WINDOW);
  for (;;) {
    const rows = await db.records.where('[day+sealedAt]').between([day, Dexie.minKey], [day, upper], true, !upperOpen).reverse().limit(span).toArray();
    if (rows.length < span) {
      onMatches(keep(rows));
      return;
    }
    const oldest = rows[rows.length - 1]!.sealedAt;
    let batch: StoredRecord[];
    if (rows[0]!.sealedAt === oldest) {
      batch = (await db.records.where('[day+sealedAt]').equals([day, oldest]).toArray()).reverse();
      upperOpen = true;
    } else {
      batch = rows.filter((r) => r.sealedAt !== oldest);
      upperOpen = false;
    }
    upper = oldest;
    if (onMatches(keep(batch)) === false) return;
    span = window;
  }
}

/** Hashes of every record of the device that passes the filter, newest first. */
export async function recordKeys(db: PingyiDb, deviceId: string, f: RecordFilter = {}): Promise<string[]> {
  const out: string[] = [];
  await scanRecords(db, deviceId, f, (m) => void out.push(...m.map((r) => r.hash)));
  return out;
}

/** One page of the filtered list, and whether more follow. */
export async function recordPage(
  db: PingyiDb,
  deviceId: string,
  f: RecordFilter,
  offset: number,
  limit: number,
): Promise<{ rows: StoredRecord[]; more: boolean }> {
  if (!isFiltered(f)) {
    const head = await chainHead(db, deviceId);
    const rows = (await chainRows(db, deviceId, head, offset, offset + limit)).filter((r): r is StoredRecord => !!r);
    return { rows, more: offset + limit < head };
  }
  const found: StoredRecord[] = [];
  await scanRecords(db, deviceId, f, (m) => {
    found.push(...m);
    return found.length <= offset + limit;
  });
  return { rows: found.slice(offset, offset + limit), more: found.length > offset + limit };
}

/** The records of a slice of keys, in the keys' order (missing ones left out). */
export async function recordsByKeys(db: PingyiDb, keys: string[]): Promise<StoredRecord[]> {
  const rows = await db.records.bulkGet(keys);
  return rows.filter((r): r is StoredRecord => r !== undefined);
}

/** Units a body is about (f2f/visit: unitId; forum/stall: unitIds). */
export function unitsOfBody(body: Record<string, unknown>): string[] {
  if (typeof body.unitId === 'string') return [body.unitId];
  if (Array.isArray(body.unitIds)) return body.unitIds.filter((u): u is string => typeof u === 'string');
  return [];
}

/** The device's drafts that pass the filter (the `sent` filter does not apply to drafts). */
export async function filteredDrafts(db: PingyiDb, deviceId: string, f: RecordFilter = {}): Promise<Draft[]> {
  const drafts = await draftsOf(db, deviceId);
  return drafts.filter(
    (d) => (!f.type || d.type === f.type) && (!f.unitId || unitsOfBody(d.body).includes(f.unitId)) && (!f.day || localDay(d.updatedAt) === f.day),
  );
}

/** Which version of a record the tally counts. */
export type Standing = { kind: 'original' } | { kind: 'amended'; by: StoredRecord } | { kind: 'voided'; by: StoredRecord };

export interface RecordDetail {
  stored: StoredRecord;
  /** amends and voids that target this record, in seq order. */
  corrections: StoredRecord[];
  standing: Standing;
  /** For an amend or void: the record it corrects. */
  target?: StoredRecord;
}

/** A record by hash with its corrections and the version that counts. */
export async function recordDetail(db: PingyiDb, hash: string): Promise<RecordDetail | undefined> {
  return db.transaction('r', db.records, async () => {
    const stored = await db.records.get(hash);
    if (!stored) return undefined;
    const corrections = (await db.records.where('targetId').equals(stored.record.id).toArray())
      .filter((c) => c.deviceId === stored.deviceId)
      .sort((a, b) => a.seq - b.seq);
    const voided = corrections.find((c) => c.type === 'void');
    const amends = corrections.filter((c) => c.type === 'amend');
    const standing: Standing = voided
      ? { kind: 'voided', by: voided }
      : amends.length
        ? { kind: 'amended', by: amends[amends.length - 1]! }
        : { kind: 'original' };
    const target = stored.targetId ? await db.records.where('record.id').equals(stored.targetId).first() : undefined;
    return { stored, corrections, standing, ...(target ? { target } : {}) };
  });
}

/** A stored photo by its sha256. */
export function blobBySha(db: PingyiDb, sha256: string): Promise<StoredBlob | undefined> {
  return db.blobs.get(sha256);
}
