import Dexie from 'dexie';
import type { RecordType } from '../domain/records';
import type { Draft, PingyiDb, StoredBlob, StoredRecord } from './db';

// The screens' read side. Every list is scoped to one device chain (the session's deviceId): the
// practice chain and an enrolled chain never mix, even when both name campaign `demo`.
// Dexie reads a reversed index range with a cursor, one round trip per row; getAllKeys over an
// ascending range is a single call, so lists read ascending keys and reverse them in memory.

/** Local calendar day of a time, YYYY-MM-DD (as sealDraft stores it in `day`). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The record types in display order. Spelled out here rather than imported from domain/records,
 * which would bring zod into the home screen's first load.
 */
export const TYPES: readonly RecordType[] = ['f2f', 'forum', 'visit', 'stall', 'amend', 'void'];

export type TypeCounts = Record<RecordType, number>;

/** Records sealed by the device on one day, by type. */
export async function dayCounts(db: PingyiDb, deviceId: string, day: string): Promise<TypeCounts> {
  const counts = Object.fromEntries(TYPES.map((t) => [t, 0])) as TypeCounts;
  const rows = await db.records.where('[day+sealedAt]').between([day, Dexie.minKey], [day, Dexie.maxKey]).toArray();
  for (const r of rows) if (r.deviceId === deviceId) counts[r.type]++;
  return counts;
}

/** The device's drafts, most recently touched first. */
export async function draftsOf(db: PingyiDb, deviceId: string): Promise<Draft[]> {
  const all = await db.drafts.orderBy('updatedAt').toArray();
  return all.filter((d) => d.deviceId === deviceId).reverse();
}

/** Sealed records of the device that no verified receipt covers yet. */
export function unsentCount(db: PingyiDb, deviceId: string): Promise<number> {
  return db.records.where('[received+deviceId+seq]').between([0, deviceId, Dexie.minKey], [0, deviceId, Dexie.maxKey]).count();
}

/** The record list's filters; every one optional. */
export interface RecordFilter {
  type?: RecordType;
  unitId?: string;
  /** YYYY-MM-DD, local day of sealing (of the last change, for drafts). */
  day?: string;
  sent?: 'sent' | 'unsent';
}

/**
 * The index that orders a filtered list newest first, and what it leaves to check. A device's
 * chain is in seq order, which is its sealing order, so [deviceId+seq] both scopes and orders
 * the unfiltered list; a day or a type has its own time-ordered index.
 */
function orderedRange(db: PingyiDb, deviceId: string, f: RecordFilter) {
  const t = db.records;
  const range = (index: string, ...first: (string | number)[]) =>
    t.where(index).between([...first, Dexie.minKey], [...first, Dexie.maxKey]);
  if (f.day) return { coll: range('[day+sealedAt]', f.day), device: true, type: !!f.type, sent: !!f.sent };
  if (f.type) return { coll: range('[type+sealedAt]', f.type), device: true, type: false, sent: !!f.sent };
  if (f.sent) return { coll: range('[received+deviceId+seq]', f.sent === 'sent' ? 1 : 0, deviceId), device: false, type: false, sent: false };
  return { coll: range('[deviceId+seq]', deviceId), device: false, type: false, sent: false };
}

/**
 * The newest `limit` records that pass the filter, read with one reverse cursor that stops as
 * soon as it has them: the first screen of the list without reading the whole list's keys.
 */
export function newestRecords(db: PingyiDb, deviceId: string, f: RecordFilter, limit: number): Promise<StoredRecord[]> {
  const o = orderedRange(db, deviceId, f);
  const received = f.sent === 'sent' ? 1 : 0;
  const keep = (r: StoredRecord) =>
    (!o.device || r.deviceId === deviceId) &&
    (!o.type || r.type === f.type) &&
    (!o.sent || r.received === received) &&
    (!f.unitId || r.unitIds.includes(f.unitId));
  const plain = !o.device && !o.type && !o.sent && !f.unitId;
  return (plain ? o.coll.reverse() : o.coll.reverse().filter(keep)).limit(limit).toArray();
}

/**
 * Hashes of the device's sealed records that pass the filter, in the order of newestRecords.
 * Key-only reads: the ordering index gives the order, the other filters are key sets read from
 * their own indexes, so no record is loaded. This reads every matching key (about a second for
 * 50,000 on a slow tablet), so the list shows newestRecords first and this in the background.
 */
export async function recordKeys(db: PingyiDb, deviceId: string, f: RecordFilter = {}): Promise<string[]> {
  const t = db.records;
  const range = (index: string, ...first: (string | number)[]) =>
    t.where(index).between([...first, Dexie.minKey], [...first, Dexie.maxKey]).primaryKeys();
  return db.transaction('r', t, async () => {
    const o = orderedRange(db, deviceId, f);
    const sets: Promise<string[]>[] = [];
    if (o.device) sets.push(range('[deviceId+seq]', deviceId));
    if (o.type) sets.push(range('[type+sealedAt]', f.type!));
    if (o.sent) sets.push(range('[received+deviceId+seq]', f.sent === 'sent' ? 1 : 0, deviceId));
    if (f.unitId) sets.push(t.where('unitIds').equals(f.unitId).primaryKeys());
    const [base, ...others] = await Promise.all([o.coll.primaryKeys(), ...sets]);
    const keep = others.map((keys) => new Set(keys));
    const out: string[] = [];
    for (let i = base.length - 1; i >= 0; i--) {
      const k = base[i]!;
      if (keep.every((s) => s.has(k))) out.push(k);
    }
    return out;
  });
}

/** The records of a slice of keys, in the keys' order (missing ones left out). */
export async function recordsByKeys(db: PingyiDb, keys: string[]): Promise<StoredRecord[]> {
  const rows = await db.records.bulkGet(keys);
  return rows.filter((r): r is StoredRecord => r !== undefined);
}

/** One page of the filtered list: the total and the rows from `offset`. */
export async function recordPage(
  db: PingyiDb,
  deviceId: string,
  f: RecordFilter,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: StoredRecord[] }> {
  const keys = await recordKeys(db, deviceId, f);
  return { total: keys.length, rows: await recordsByKeys(db, keys.slice(offset, offset + limit)) };
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
    (d) =>
      (!f.type || d.type === f.type) &&
      (!f.unitId || unitsOfBody(d.body).includes(f.unitId)) &&
      (!f.day || localDay(d.updatedAt) === f.day),
  );
}

/** Which version of a record the tally counts. */
export type Standing =
  | { kind: 'original' }
  | { kind: 'amended'; by: StoredRecord }
  | { kind: 'voided'; by: StoredRecord };

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
