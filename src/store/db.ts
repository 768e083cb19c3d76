import Dexie, { type Table, type Transaction } from 'dexie';
import type { Campaign } from '../domain/campaign';
import type { PingyiRecord, RecordType } from '../domain/records';
import { tallyBuilder } from './day-tally';

/**
 * A sealed record as the tablet keeps it: the exact wire record plus the few fields its queries
 * index. A stored record never changes after sealing. Whether the server holds it is not a field
 * of the record but the device's ReceivedMark: receipts cover prefixes of a chain, so one number
 * per device says it for every record, and a receipt writes one row instead of rewriting the
 * records it covers. (Rows stored before schema version 2 still carry a `received` flag that
 * nothing reads any more; the upgrade turned those flags into the marks.)
 */
export interface StoredRecord {
  hash: string; // H(record)
  deviceId: string;
  seq: number;
  campaignId: string;
  type: RecordType;
  /** Units the record is about (f2f/visit: one; forum/stall: several; amend/void: the target's). */
  unitIds: string[];
  /** Local calendar day of sealing, YYYY-MM-DD, for the home screen and the day filter. */
  day: string;
  sealedAt: string;
  /** 1 for the built-in practice campaign, whose records are never sent. */
  practice: 0 | 1;
  /** amend/void only: the original record's id. */
  targetId?: string;
  record: PingyiRecord;
}

/** A questionnaire or form being filled: saved on every answer, offered for resumption. */
export interface Draft {
  id: string; // becomes the record id when sealed
  campaignId: string;
  deviceId: string;
  type: RecordType;
  body: Record<string, unknown>;
  /** Confidential fields, encrypted only when the draft is sealed. */
  secret?: Record<string, unknown>;
  attachments?: string[]; // sha256 of photos in `blobs`
  createdAt: string;
  /** Time of the first answer: durationMs runs from here to the seal. */
  firstAnswerAt?: number;
  updatedAt: number;
}

/** A photo (or its sealed ciphertext) kept until a receipt covers the record that names it. */
export interface StoredBlob {
  sha256: string;
  mime: string;
  bytes: number;
  sealed: boolean;
  data: Blob;
  /** 1 once the server answered 200/201 for it. */
  uploaded: 0 | 1;
  /**
   * 1 once an upload of it has begun (not indexed): after a cut the tablet first asks the server
   * how much of it arrived (src/sync/blobs.ts) instead of sending it again from the start.
   */
  sending?: 0 | 1;
}

/**
 * How far a device's chain is covered by verified server receipts: every record of the device with
 * seq ≤ throughSeq is held by the server (the signed receipt names the record at throughSeq by its
 * hash, and the prev links bind every record before it). Only ever moves forward.
 */
export interface ReceivedMark {
  deviceId: string;
  throughSeq: number;
  /** The hash of the device's record at throughSeq, as the receipt named it. */
  headHash: string;
  verifiedAt: string;
}

/** The head of a device's chain: read and written in the same transaction as each seal. */
export interface ChainHead {
  deviceId: string;
  seq: number;
  hash: string;
}

/**
 * What one device sealed on one local day, kept up to date by every seal (store/day-tally.ts) so
 * that today's counts are one read of one row, however many records the day holds.
 */
export interface DayTally {
  deviceId: string;
  day: string;
  /** Records sealed that day, by type. */
  byType: Partial<Record<RecordType, number>>;
  /**
   * Questionnaires sealed that day still in force, campaign → unit → rater group → count: a void
   * takes one out, an amend moves it to its new unit and group.
   */
  f2f: Record<string, Record<string, Record<string, number>>>;
}

export interface StoredCampaign {
  id: string;
  definition: Campaign;
  /** 'builtin' = the practice campaign shipped with the app; 'enrolled' = from a server. */
  source: 'builtin' | 'enrolled';
  savedAt: string;
}

/** Sync-side state (outbox progress, receipts, keys) lives in tables the sync module owns. */
export interface KeyValueRow {
  key: string;
  value: unknown;
}

/**
 * A rectification item (整改项) of the campaign as the tablet fetched it at its last sync, for
 * 回头看 offline: a follow-up names one, and is validated against these before it is sealed.
 */
export interface StoredRectItem {
  id: string;
  campaignId: string;
  unitId: string;
  problem: string;
  /** YYYY-MM-DD. */
  deadline: string;
}

export class PingyiDb extends Dexie {
  rectItems!: Table<StoredRectItem, string>;
  records!: Table<StoredRecord, string>;
  drafts!: Table<Draft, string>;
  blobs!: Table<StoredBlob, string>;
  heads!: Table<ChainHead, string>;
  received!: Table<ReceivedMark, string>;
  campaigns!: Table<StoredCampaign, string>;
  days!: Table<DayTally, [string, string]>;
  kv!: Table<KeyValueRow, string>;

  constructor(name = 'pingyi') {
    // Strict durability: a seal is on disk before the transaction reports success.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      // hash: primary key (receipts and blobs refer to it)
      // &[deviceId+seq]: one record per seq, so a fork cannot be stored; outbox ranges
      // &record.id: a record id is unique; amend/void look up their target by it
      // [received+deviceId+seq]: the outbox: unsent records of a device in seq order
      // sealedAt, [type+sealedAt], [day+sealedAt], *unitIds: the record list, newest first, and its filters
      records: 'hash, &[deviceId+seq], &record.id, [received+deviceId+seq], sealedAt, [type+sealedAt], [day+sealedAt], *unitIds, campaignId, targetId',
      // targetId: the corrections of a record (is it voided? which amend is latest?)
      // updatedAt: the home screen's "drafts to finish", newest first; campaignId: per campaign
      drafts: 'id, updatedAt, campaignId',
      // uploaded: photos still to send
      blobs: 'sha256, uploaded',
      heads: 'deviceId',
      campaigns: 'id',
      kv: 'key',
    });
    // Version 2: a receipt moves the device's ReceivedMark instead of flipping a flag on every
    // record it covers (10,000 records rewritten through nine indexes took longer than sending
    // them). The [received+deviceId+seq] index goes; the flags already set become the marks.
    this.version(2)
      .stores({
        records: 'hash, &[deviceId+seq], &record.id, sealedAt, [type+sealedAt], [day+sealedAt], *unitIds, campaignId, targetId',
        received: 'deviceId',
      })
      .upgrade(marksFromFlags);
    // Version 3: today's counts are kept per device and day by every seal instead of being
    // counted from the day's records, a read that grew with the day and held up draft writes and
    // seals behind it. The upgrade counts the records already stored, once.
    this.version(3).stores({ days: '[deviceId+day]' }).upgrade(talliesFromRecords);
    // Version 4: rectification items for 回头看. [campaignId+unitId]: the 回头看 screen's items of
    // one unit; campaignId: a sync replaces the campaign's list whole.
    this.version(4).stores({ rectItems: 'id, campaignId, [campaignId+unitId]' });
  }
}

/**
 * Schema 1 → 2: for each device chain, the mark covers the records before its first one without
 * the flag. Stopping at the first unflagged record errs on the side of sending again: a record is
 * never counted as held by the server unless it and every record before it were flagged.
 */
async function marksFromFlags(tx: Transaction): Promise<void> {
  const heads = (await tx.table('heads').toArray()) as ChainHead[];
  for (const { deviceId } of heads) {
    const mark = { seq: 0, hash: '' };
    await tx
      .table('records')
      .where('[deviceId+seq]')
      .between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey])
      .until((r: { seq: number; received?: number }) => r.received !== 1 || r.seq !== mark.seq + 1)
      .each((r: { seq: number; hash: string }) => Object.assign(mark, { seq: r.seq, hash: r.hash }));
    if (mark.seq > 0)
      await tx.table('received').put({ deviceId, throughSeq: mark.seq, headHash: mark.hash, verifiedAt: new Date().toISOString() } satisfies ReceivedMark);
  }
}

/** Schema 2 → 3: the day rows of every record stored so far, read a record at a time in chain order. */
async function talliesFromRecords(tx: Transaction): Promise<void> {
  const builder = tallyBuilder();
  await tx
    .table('records')
    .orderBy('[deviceId+seq]')
    .each((r: StoredRecord) => builder.add(r));
  await tx.table('days').bulkPut(builder.rows());
}

/** Opens the app's database (tests pass their own name for isolation). */
export function openDb(name?: string): PingyiDb {
  return new PingyiDb(name);
}
