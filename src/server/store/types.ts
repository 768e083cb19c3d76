import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord } from '../../domain/records';
import type { HoldReason } from '../../domain/review';
import type { TargetInfo } from '../../domain/validate';
import type { BatchHeader } from '../../protocol/batch';
import type { PublicJwk, SigningAlg } from '../../protocol/keys';
import type { StoreHealth } from './faults';
import type { StoreDialect } from './migrations/kit';
import type { OfficeTx } from './office-tx';
import type { Db } from './schema';
import type { DeviceRole } from '../../protocol/office-api';

export type { StoreDialect } from './migrations/kit';
export type { DeviceRole };

export interface DeviceInfo {
  deviceId: string;
  campaignId: string;
  label: string;
  role: DeviceRole;
  collector: string;
  alg: SigningAlg;
  keyId: string;
  publicJwk: PublicJwk;
  /** Highest seq stored; 0 before the first batch. */
  headSeq: number;
  /** Hash of the record at headSeq; ZERO before the first batch. */
  headHash: string;
  lastBatchAt: string | null;
  revokedAt: string | null;
  enrolledAt: string;
}

export interface EnrollmentCode {
  /** SHA-256 (hex) of the normalised code: the store never holds the code itself. */
  code: string;
  campaignId: string;
  role: DeviceRole;
  collector: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  deviceId: string | null;
  /** The roster person the code names (PROTOCOL.md "Representatives"); the collector is then their id. */
  personId?: string | null;
}

export interface RemovedBlob {
  sha256: string;
  bytes: number;
  deviceId: string;
  receivedAt: string;
}

export interface NewDevice {
  deviceId: string;
  label: string;
  alg: SigningAlg;
  keyId: string;
  publicJwk: PublicJwk;
}

/** The audit log's current tree head. */
export interface LogHead {
  size: number;
  root: string;
}

export interface StoredRecord {
  logIdx: number;
  hash: string;
  receivedAt: string;
  /** canon(record) as received. */
  canon: string;
}

export interface RecordQuery {
  campaignId?: string;
  type?: string;
  unitId?: string;
  /** Log index of the last record of the previous page. */
  after?: number;
  limit: number;
}

/** A stored record that an amend or void may name, with the units it concerns. */
export interface StoredTarget extends TargetInfo {
  units: string[];
}

/** One record to append, with what the ingest step already derived from it. */
export interface RecordToAppend {
  record: PingyiRecord;
  hash: string;
  canon: string;
  /** Its RFC 6962 leaf hash when already computed (else computed from canon). */
  leafHash?: Uint8Array;
  units: string[];
}

/** Row of the f2f_effective projection, in domain names. */
export interface F2fAnswers {
  originalId: string;
  campaignId: string;
  unitId: string;
  raterGroup: string;
  channel: string;
  overall: string;
  ratings: Record<string, string>;
  deviceId: string;
  collector: string;
  latestSeq: number;
  sealedAt: string;
  durationMs: number;
  latE6: number | null;
  lonE6: number | null;
  /** createdAt of the original (identity, like sealedAt: an amend keeps it). */
  createdAt: string;
  /** Held at ingest (reasons non-empty) or counted; an amend keeps the original's. */
  state: 'counted' | 'held';
  reasons: HoldReason[];
}

/** What one batch changes in f2f_effective (computed in memory; applied in the ingest transaction). */
export interface ProjectionOps {
  inserts: F2fAnswers[];
  /** Amends of stored questionnaires: the replacement answers (identity columns untouched). */
  updates: F2fAnswers[];
  /** Voids of stored questionnaires. */
  deletes: string[];
}

export interface Append {
  deviceId: string;
  header: BatchHeader;
  sig: string;
  receivedAt: string;
  records: RecordToAppend[];
  projection: ProjectionOps;
}

export interface ConflictEvidence {
  deviceId: string;
  seq: number;
  storedHash: string;
  offeredHash: string;
  offeredCanon: string;
  header: BatchHeader;
  sig: string;
  records: unknown[];
  receivedAt: string;
}

/** Reads and writes inside one ingest transaction; the device row is locked for its duration. */
export interface IngestTx {
  /** The device, locked against concurrent batches of the same device until the transaction ends. */
  lockDevice(deviceId: string): Promise<DeviceInfo | undefined>;
  /** Stored hashes by seq for the device, for seqs in [fromSeq, toSeq]. */
  storedHashes(deviceId: string, fromSeq: number, toSeq: number): Promise<Map<number, string>>;
  campaign(id: string): Promise<Campaign | undefined>;
  /** Which of these record ids are already used on this server. */
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Stored records with these ids (for amend/void targets). */
  targets(ids: string[]): Promise<Map<string, StoredTarget>>;
  /** The rectification items of the campaign with these ids, by id: their unit (a follow-up names one). */
  rectItems(campaignId: string, ids: string[]): Promise<Map<string, { unitId: string }>>;
  /** Which of these blob hashes are held. */
  existingBlobs(hashes: string[]): Promise<Set<string>>;
  /** The first `bytes` bytes of each of these blobs that is held, by sha256 (ingest checks image signatures). */
  blobHeads(hashes: string[], bytes: number): Promise<Map<string, Uint8Array>>;
  recordConflict(e: ConflictEvidence): Promise<void>;
  /** How many f2f the device has sealed on each of these Asia/Shanghai days (device_days; absent: none). */
  dayCounts(deviceId: string, days: string[]): Promise<Map<string, number>>;
  /**
   * sealedAt (ms) of the device's stored f2f near these instants: for each, every one within `w` ms
   * of it up to the `n` nearest on either side (at or before it, after it), each stored f2f once
   * (f2f_seal_times). Reads those and a bounded number more, never a whole day.
   */
  sealTimesNear(deviceId: string, instants: number[], n: number, w: number): Promise<number[]>;
  /** Adds f2f to the device's sealing times and sets its days' counts (inserted or replaced). */
  saveSeals(deviceId: string, counts: Map<string, number>, seals: { ms: number; seq: number }[]): Promise<void>;
  /** Appends records to the device chain, the audit log and the projection; returns the new log head. */
  append(a: Append): Promise<LogHead>;
  logHead(): Promise<LogHead>;
}

/** The central store, one implementation over Kysely for SQLite and PostgreSQL. */
export interface Store {
  readonly dialect: StoreDialect;
  /** The Kysely handle, for modules with their own tables (`db.withTables<…>()`). */
  readonly db: Db;
  /** Faults of the database (a full disk, a lost connection) as the log tells them (faults.ts). */
  readonly health: StoreHealth;
  close(): Promise<void>;

  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  /**
   * Saves a new version with no guard, logged as the office action `campaign-version` of actor
   * `admin-cli` (benchmarks and scripts that fill a
   * store; the office goes through PUT /api/v1/admin/campaigns/<id>); true when created.
   */
  putCampaign(campaign: Campaign, at: string): Promise<boolean>;

  /** Stores the code and logs the office action `enrollment-code` (with the code's hash, never the code). */
  createEnrollmentCode(code: EnrollmentCode, actor: string): Promise<void>;
  findEnrollmentCode(code: string): Promise<EnrollmentCode | undefined>;
  /** Uses the code and creates the device atomically; 'code-used' when another enrollment won. */
  enrollDevice(code: string, device: NewDevice, at: string): Promise<DeviceInfo | 'code-used'>;

  getDevice(deviceId: string): Promise<DeviceInfo | undefined>;
  listDevices(campaignId?: string): Promise<DeviceInfo[]>;
  /**
   * Revokes and logs the office action `revoke-device` (idempotent: a revoked device keeps its
   * first revocation time, and a second revocation logs nothing).
   */
  revokeDevice(deviceId: string, at: string, actor: string): Promise<DeviceInfo | undefined>;

  /** Stores a blob; false when it was already held. */
  putBlob(blob: { sha256: string; data: Uint8Array; mime: string | null; deviceId: string; receivedAt: string }): Promise<boolean>;
  /** A held blob's bytes (the ciphertext when sealed), for the office console. */
  getBlob(sha256: string): Promise<{ data: Uint8Array; mime: string | null } | undefined>;
  /** Whether the blob is held (without reading its bytes). */
  hasBlob(sha256: string): Promise<boolean>;
  /** Removes the blobs no record names that were received before `receivedBefore`; returns what was removed. */
  removeUnnamedBlobs(receivedBefore: string): Promise<RemovedBlob[]>;

  listRecords(q: RecordQuery): Promise<StoredRecord[]>;
  /** The record with this hash (H(record)), if stored. */
  findRecordByHash(hash: string): Promise<StoredRecord | undefined>;
  logHead(): Promise<LogHead>;

  /** Runs fn in one transaction (serialised per device); everything fn wrote is undone if it throws. */
  ingest<T>(fn: (tx: IngestTx) => Promise<T>): Promise<T>;

  /**
   * Runs an office mutation and the office action recording it in one transaction (office/actions.ts
   * shows how): both commit or neither. Appends serialise with batch ingest on the log lock.
   */
  officeTx<T>(fn: (tx: OfficeTx) => Promise<T>): Promise<T>;

  /**
   * Runs reads against one committed state of the store: every query fn makes sees the same log
   * head, records and projections, whatever commits meanwhile (PostgreSQL: a read-only REPEATABLE
   * READ transaction; SQLite: a read transaction on a read-only connection of its own, beside the
   * server's). For exports that must agree with the log size they state.
   */
  readSnapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}
