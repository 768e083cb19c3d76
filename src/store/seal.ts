import type { Campaign } from '../domain/campaign';
import type { Attachment, PingyiRecord, Sealed } from '../domain/records';
import { storedRectItem } from './rect-items';
import { validateRecord, type RecordProblem, type TargetInfo } from '../domain/validate';
import { hSync, ZERO } from '../protocol/canon';
import type { DayTally, Draft, PingyiDb, StoredRecord } from './db';
import { localDay } from './day';
import { tallyRows } from './day-tally';
import { witnessSeal } from './witness';
import { rememberToday } from './today-cache';

/** Refused seal: every problem found, each with its pointer into the record. */
export class SealError extends Error {
  constructor(readonly problems: RecordProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'SealError';
  }
}

/** The device's storage is full: nothing was written, everything saved before is still there. */
export class StorageFullError extends Error {
  constructor() {
    super('storage full');
    this.name = 'StorageFullError';
  }
}

export interface SealContext {
  db: PingyiDb;
  campaign: Campaign;
  collector: string;
  practice: boolean;
  /** Encrypts confidential fields to the campaign key (HPKE); required when the draft has any. */
  encrypt?: (recordId: string, secret: Record<string, unknown>) => Promise<Sealed>;
  attachments?: Attachment[];
  now?: () => number;
  /** Local calendar day of a time, YYYY-MM-DD. */
  localDay?: (ms: number) => string;
}

/** Units a record is about, for the list's unit filter. */
export function unitIdsOf(body: Record<string, unknown>): string[] {
  if (typeof body.unitId === 'string') return [body.unitId];
  if (Array.isArray(body.unitIds)) return body.unitIds.filter((u): u is string => typeof u === 'string');
  return [];
}

/** What validation needs about an earlier record of this device. */
export async function targetInfo(db: PingyiDb, targetId: string): Promise<TargetInfo | undefined> {
  const target = await db.records.where('record.id').equals(targetId).first();
  if (!target) return undefined;
  const corrections = await db.records.where('targetId').equals(targetId).toArray();
  return {
    type: target.type,
    hash: target.hash,
    deviceId: target.deviceId,
    seq: target.seq,
    voided: corrections.some((c) => c.type === 'void'),
  };
}

/**
 * Seals a draft: validates it against the campaign, encrypts its confidential part, then in ONE
 * strict-durability transaction reads the device's chain head, assigns the next seq and prev,
 * hashes the record (synchronously, so the transaction stays alive), stores it, counts it on its
 * day's row and drops the draft. The promise resolves only once that transaction has committed
 * with strict durability (PingyiDb opens every transaction so): a caller that shows 已封存 after
 * it shows what a killed browser will still hold.
 * IndexedDB serialises readwrite transactions over the same stores, even across tabs, so two tabs
 * cannot fork the chain; the Web Lock keeps two tabs from even trying at once.
 */
export async function sealDraft(draft: Draft, ctx: SealContext): Promise<StoredRecord> {
  const now = (ctx.now ?? Date.now)();
  const body = { ...draft.body };
  if (draft.type === 'f2f') body.durationMs = Math.max(0, Math.round(now - (draft.firstAnswerAt ?? now)));

  const hasSecret = draft.secret && Object.values(draft.secret).some((v) => v !== undefined && v !== '');
  const probe: PingyiRecord = {
    v: 1,
    type: draft.type,
    id: draft.id,
    campaignId: draft.campaignId,
    deviceId: draft.deviceId,
    seq: Number.MAX_SAFE_INTEGER, // placeholder for validation only; the real seq is assigned below
    prev: ZERO,
    collector: ctx.collector,
    createdAt: draft.createdAt,
    sealedAt: new Date(now).toISOString(),
    body,
    ...(hasSecret ? { sealed: { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'x', ct: 'x' } as Sealed } : {}),
    ...(ctx.attachments?.length ? { attachments: ctx.attachments } : {}),
  };
  const targetId = typeof body.targetId === 'string' ? body.targetId : undefined;
  const target = targetId ? await targetInfo(ctx.db, targetId) : undefined;
  // A follow-up (or an amend of one) names an item of those fetched at the last sync.
  const itemId = (body.itemId ?? (body.body as Record<string, unknown> | undefined)?.itemId) as unknown;
  const item = typeof itemId === 'string' ? await storedRectItem(ctx.db, draft.campaignId, itemId) : undefined;
  const problem = validateRecord(
    probe,
    ctx.campaign,
    (id) => (id === targetId ? target : undefined),
    undefined,
    (id) => (id === item?.id ? item : undefined),
  );
  if (problem) throw new SealError([problem]);

  let sealed: Sealed | undefined;
  if (hasSecret) {
    if (!ctx.encrypt) throw new SealError([{ path: '/sealed', message: 'no encryption key for confidential fields' }]);
    sealed = await ctx.encrypt(draft.id, draft.secret!);
  }

  const day = (ctx.localDay ?? localDay)(now);
  // Each request of the transaction that waits on the one before costs a round trip to the
  // browser's database process, and a slow tablet pays for every one: the reads go out together,
  // and so do the writes (IndexedDB runs them in order; a failed one aborts them all).
  let todayRow: DayTally | undefined; // the seal's own day row, as written
  const run = () =>
    ctx.db.transaction('rw', [ctx.db.records, ctx.db.heads, ctx.db.drafts, ctx.db.days], async () => {
      const [head, own, targetUnits] = await Promise.all([
        ctx.db.heads.get(draft.deviceId),
        ctx.db.days.get([draft.deviceId, day]),
        target ? unitsOfTarget(ctx.db, targetId!) : undefined,
      ]);
      const record: PingyiRecord = {
        ...probe,
        seq: (head?.seq ?? 0) + 1,
        prev: head?.hash ?? ZERO,
        ...(sealed ? { sealed } : {}),
      };
      const hash = hSync(record);
      const stored: StoredRecord = {
        hash,
        deviceId: record.deviceId,
        seq: record.seq,
        campaignId: record.campaignId,
        type: record.type,
        unitIds: targetUnits ?? unitIdsOf(body),
        day,
        sealedAt: record.sealedAt,
        practice: ctx.practice ? 1 : 0,
        ...(targetId ? { targetId } : {}),
        record,
      };
      const rows = await tallyRows(ctx.db, stored, own);
      todayRow = rows[0];
      await Promise.all([
        ctx.db.records.add(stored),
        ctx.db.days.bulkPut(rows),
        ctx.db.heads.put({ deviceId: record.deviceId, seq: record.seq, hash }),
        ctx.db.drafts.delete(draft.id),
      ]);
      return stored;
    });

  try {
    const stored = await withSealLock(draft.deviceId, run);
    // Committed: remembered outside IndexedDB too, so a database the browser drops is noticed.
    witnessSeal(stored.deviceId, stored.seq);
    // The home screen's first guess of today's counts follows (store/today-cache.ts).
    if (todayRow && todayRow.day === localDay(Date.now())) rememberToday(todayRow.deviceId, todayRow.day, todayRow.byType);
    return stored;
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

async function unitsOfTarget(db: PingyiDb, targetId: string): Promise<string[]> {
  const t = await db.records.where('record.id').equals(targetId).first();
  return t?.unitIds ?? [];
}

/** Runs fn under a per-device Web Lock where the browser has Web Locks (tests may not). */
function withSealLock<T>(deviceId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return fn();
  return locks.request(`pingyi-seal:${deviceId}`, fn) as Promise<T>;
}

export function isQuotaError(e: unknown): boolean {
  const names = [(e as { name?: string })?.name, (e as { inner?: { name?: string } })?.inner?.name];
  return names.includes('QuotaExceededError');
}
