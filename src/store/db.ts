import Dexie, { type Table } from 'dexie';
import type { Campaign } from '../domain/campaign';
import type { PingyiRecord, RecordType } from '../domain/records';

/**
 * A sealed record as the tablet keeps it: the exact wire record plus the few fields its queries
 * index. The record itself never changes after sealing; only `received` flips (0 → 1) when a
 * verified server receipt covers it.
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
  /** 1 once a verified receipt covers it (IndexedDB cannot index booleans). */
  received: 0 | 1;
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
}

/** The head of a device's chain: read and written in the same transaction as each seal. */
export interface ChainHead {
  deviceId: string;
  seq: number;
  hash: string;
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

export class PingyiDb extends Dexie {
  records!: Table<StoredRecord, string>;
  drafts!: Table<Draft, string>;
  blobs!: Table<StoredBlob, string>;
  heads!: Table<ChainHead, string>;
  campaigns!: Table<StoredCampaign, string>;
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
  }
}

/** Opens the app's database (tests pass their own name for isolation). */
export function openDb(name?: string): PingyiDb {
  return new PingyiDb(name);
}
