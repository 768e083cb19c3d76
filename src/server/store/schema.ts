import type { Kysely, Transaction } from 'kysely';

/**
 * The core tables of the central store, as Kysely sees them. Times are RFC 3339 UTC text in both
 * dialects (they sort as text); JSON is kept as text so that SQLite and PostgreSQL read it the same.
 * Other modules add their own tables with `db.withTables<TheirTables>()`.
 */
export interface CoreTables {
  campaigns: CampaignsTable;
  campaign_versions: CampaignVersionsTable;
  enrollment_codes: EnrollmentCodesTable;
  devices: DevicesTable;
  records: RecordsTable;
  record_units: RecordUnitsTable;
  batches: BatchesTable;
  chain_conflicts: ChainConflictsTable;
  blobs: BlobsTable;
  log_leaves: LogLeavesTable;
  log_subtrees: LogSubtreesTable;
  log_state: LogStateTable;
  f2f_effective: F2fEffectiveTable;
  office_actions: OfficeActionsTable;
  device_days: DeviceDaysTable;
  f2f_seal_times: F2fSealTimesTable;
  rect_items: RectItemsTable;
  rect_answers: RectAnswersTable;
  rect_evidence: RectEvidenceTable;
}

export interface CampaignsTable {
  id: string;
  /** The version in force as JSON text, with its `version` (validated with CampaignSchema before it is written). */
  definition: string;
  updated_at: string;
}

/** Every version of every campaign definition (migration 008); never updated or deleted. */
export interface CampaignVersionsTable {
  campaign_id: string;
  version: number;
  /** The definition as served, with its `version`: the JSON text `hash` is H() of. */
  definition: string;
  /** H(definition): what a tally names as `campaignHash`. */
  hash: string;
  at: string;
  /** The account, or `admin-token`, that saved it. */
  actor: string;
}

export interface EnrollmentCodesTable {
  /** SHA-256 (hex) of the normalised code (upper case, no spaces or dashes); the code itself is never stored (migration 007). */
  code: string;
  campaign_id: string;
  role: string;
  collector: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
  /** The roster person the code names (migration 013): the device's collector is that person's id. */
  person_id: string | null;
}

export interface DevicesTable {
  device_id: string;
  campaign_id: string;
  label: string;
  role: string;
  collector: string;
  alg: string;
  key_id: string;
  /** Minimal public JWK (RFC 7638 members) as JSON text. */
  public_jwk: string;
  /** Highest seq stored for the device; 0 before its first batch. */
  head_seq: number;
  head_hash: string;
  last_batch_at: string | null;
  revoked_at: string | null;
  enrolled_at: string;
}

export interface RecordsTable {
  /** Position in the audit log (0-based) = acceptance order. */
  log_idx: number;
  hash: string;
  /** hashKey(hash): the indexed part of the hash (look records up with both columns). */
  hash_key: number;
  id: string;
  device_id: string;
  seq: number;
  campaign_id: string;
  type: string;
  /** body.targetId of an amend or void, else null (finds the voids of a record). */
  target_id: string | null;
  collector: string;
  sealed_at: string;
  received_at: string;
  /** canon(record) as text: exactly the bytes that were hashed and appended to the log. */
  canon: string;
}

/** The units a record concerns (forum and stall records name several), for `?unitId=` filters. */
export interface RecordUnitsTable {
  unit_id: string;
  log_idx: number;
}

/** Every batch that appended records, with the device's signed header (for independent verification). */
export interface BatchesTable {
  id: string;
  device_id: string;
  from_seq: number;
  to_seq: number;
  appended: number;
  /** canon(header) as text, exactly what `sig` signs. */
  header: string;
  sig: string;
  received_at: string;
}

/** Evidence of equivocation: a signed batch offering a different record for a seq already stored. */
export interface ChainConflictsTable {
  id: string;
  device_id: string;
  seq: number;
  stored_hash: string;
  offered_hash: string;
  /** canon of the offered record at `seq`. */
  offered_canon: string;
  /** canon(header) of the offending batch and its signature. */
  header: string;
  sig: string;
  /** JSON array of the batch's records as offered, so the signature can be checked against them. */
  records: string;
  received_at: string;
}

export interface BlobsTable {
  sha256: string;
  bytes: number;
  mime: string | null;
  data: Uint8Array;
  device_id: string;
  received_at: string;
  /** When a stored record first named it; null while none has (migration 007). */
  named_at: string | null;
}

export interface LogLeavesTable {
  idx: number;
  /** RFC 6962 leaf hash SHA-256(0x00 ‖ canon(record)), 32 bytes. */
  leaf_hash: Uint8Array;
}

/**
 * The root of every complete, aligned perfect subtree of the log of 256 leaves or more (migration
 * 004, store/log-subtrees.ts): proofs read these instead of every leaf hash.
 */
export interface LogSubtreesTable {
  /** log2 of its leaf count (8 or more). */
  height: number;
  /** It covers the leaves [idx·2^height, (idx+1)·2^height). */
  idx: number;
  /** RFC 6962 MTH of those leaves, 32 bytes. */
  hash: Uint8Array;
}

/** One row (id 1): the size and compact frontier of the audit log's Merkle tree, and its root. */
export interface LogStateTable {
  id: number;
  size: number;
  /** JSON array of the frontier's subtree roots (hex), largest first. */
  frontier: string;
  root: string;
}

/**
 * The effective version of every counted questionnaire (f2f, latest amend applied, voided ones
 * removed), maintained in the ingest transaction so that a tally never parses records.
 */
export interface F2fEffectiveTable {
  original_id: string;
  campaign_id: string;
  unit_id: string;
  rater_group: string;
  channel: string;
  overall: string;
  /** JSON object dimension id → scale key. */
  ratings: string;
  device_id: string;
  collector: string;
  /** seq of the original or of the amend now in force. */
  latest_seq: number;
  /** sealedAt of the original questionnaire. */
  sealed_at: string;
  duration_ms: number;
  lat_e6: number | null;
  lon_e6: number | null;
  /** counted | held | accepted | excluded (domain/review.ts; migration 006). */
  state: string;
  /** JSON array of the hold reasons it got at ingest; '[]' when it was never held. */
  reasons: string;
  /** createdAt of the original questionnaire ('' for questionnaires stored before migration 006 with none found). */
  created_at: string;
  /** When the server received the original. */
  received_at: string;
}

/** Per device and Asia/Shanghai day: how many f2f it sealed (the daily cap; migration 009). */
export interface DeviceDaysTable {
  device_id: string;
  day: string;
  count: number;
}

/** Every f2f a device sealed, by sealedAt (ms): the burst limit reads those near a batch (migration 009). */
export interface F2fSealTimesTable {
  device_id: string;
  /** sealedAt in ms since the epoch (PostgreSQL bigint: read back as a string). */
  sealed_ms: number | string;
  /** The f2f's seq in its device's chain: tells equal times apart. */
  seq: number;
}

/** Every office action (migration 005): a leaf of the audit log, like a record (office/actions.ts). */
export interface OfficeActionsTable {
  /** Its leaf index in the audit log (shared with records.log_idx: a leaf is one or the other). */
  log_idx: number;
  /** H(action): lowercase hex SHA-256 of canon. */
  hash: string;
  campaign_id: string | null;
  action: string;
  actor: string;
  at: string;
  /** canon(action) as text: exactly the bytes appended to the log. */
  canon: string;
}

/** A rectification item (整改项, migration 012); `sources` is a JSON array of record hashes. */
export interface RectItemsTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  problem: string;
  sources: string;
  measures: string | null;
  responsible: string | null;
  /** YYYY-MM-DD. */
  deadline: string;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
}

/** A unit's answer to an item (plan, progress, done, not-yet); `evidence` is a JSON array of files. */
export interface RectAnswersTable {
  id: string;
  item_id: string;
  campaign_id: string;
  kind: string;
  text: string;
  evidence: string;
  /** The promised day of a not-yet answer. */
  by_day: string | null;
  actor: string;
  at: string;
}

/** A file a unit gave as evidence, by its SHA-256 (hex). */
export interface RectEvidenceTable {
  sha256: string;
  campaign_id: string;
  unit_id: string;
  bytes: number;
  mime: string;
  data: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
}

export type Db = Kysely<CoreTables>;
export type Tx = Transaction<CoreTables>;
/** Either the database or an open transaction: repository functions take whichever they are given. */
export type DbOrTx = Kysely<CoreTables> | Transaction<CoreTables>;
