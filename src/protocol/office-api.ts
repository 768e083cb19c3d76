/**
 * The office API's answers (PROTOCOL.md "Office side", plus the people accounts, data-quality and
 * log routes of src/server/office), defined once: the server's routes build them and the console
 * (src/ui/console/api-types.ts) reads them, so the two cannot drift. Types only, nothing at run time.
 */
import type { OpinionItem, OpinionTag } from '../domain/opinions';
import type { PingyiRecord } from '../domain/records';
import type { FollowupRef, RectAnswer, RectItem, RectStatus, UnitRectCounts } from '../domain/rectification';
import type { ManualScores, Tally } from '../domain/scoring/types';
import type { YearsComparison } from '../domain/scoring/years';
import type { PublicJwk, SigningAlg } from './keys';

/** Office-admin sees everything; a coordinator sees devices, sync state and data quality. */
export type PersonRole = 'office-admin' | 'coordinator' | 'unit';

/** The signed-in person (GET/POST /api/v1/session). */
export interface Person {
  username: string;
  role: PersonRole;
  displayName?: string;
  /** Role `unit`: the one unit (被评单位) the account sees and answers for. */
  unitId?: string;
}

export type DeviceRole = 'representative' | 'inspector' | 'coordinator';

/** One row of GET /api/v1/admin/devices, and the answer of POST …/devices/<id>/revoke. */
export interface DeviceRow {
  deviceId: string;
  label: string;
  role: DeviceRole;
  collector: string;
  alg: SigningAlg;
  headSeq: number;
  lastBatchAt: string | null;
  revokedAt: string | null;
  campaignId: string;
  /** RFC 7638 thumbprint of the device's public key. */
  keyId: string;
  enrolledAt: string;
  /** How many chain conflicts (equivocation evidence) the server stores for it: 0 normally. */
  conflicts?: number;
}

/** One side of a chain conflict: a record as canonical JSON with its hash H(record). */
export interface ConflictVersion {
  hash: string;
  record: Record<string, unknown>;
}

/** An item of GET /api/v1/admin/conflicts: a seq for which the device signed two different records. */
export interface ConflictRow {
  deviceId: string;
  seq: number;
  /** When the second version was offered. */
  receivedAt: string;
  /** The record stored at that seq (null only if the store no longer holds it). */
  stored: ConflictVersion | null;
  /** The record the signed batch offered instead. */
  offered: ConflictVersion;
}

/** POST /api/v1/admin/enrollment-codes answer. */
export interface EnrollmentCode {
  code: string;
  expiresAt: string;
}

/** POST /api/v1/admin/enrollment-codes request. */
export interface IssueCodeRequest {
  campaignId: string;
  role: DeviceRole;
  /** Free text; with `personId` it may be left out (the collector is then the person's id). */
  collector?: string;
  /** A roster person of the campaign (PROTOCOL.md "Representatives"). */
  personId?: string;
  ttlHours?: number;
}

/** One item of GET /api/v1/admin/records: the record exactly as received. */
export interface ReceivedRecord {
  hash: string;
  /** Its 0-based leaf index in the audit log (office actions hold the other leaves; records listing only). */
  logIndex?: number;
  receivedAt: string;
  record: PingyiRecord;
}

/** `next` is the `after` of the following page (the server's cursor; opaque to clients), null at the end. */
export type Cursor = string | number;

/** GET /api/v1/admin/records. */
export interface RecordPage {
  records: ReceivedRecord[];
  next: Cursor | null;
}

/** GET /api/v1/admin/campaigns/<id>/tally. */
export interface SignedTally {
  tally: Tally;
  serverSig: string;
  /** Beside the signed tally when the campaign follows another: last years' results per unit. */
  years?: YearsComparison;
}

/** GET /api/v1/public/campaigns/<id> (no sign-in): the tally the office published, exactly as signed. */
export interface PublishedTally {
  tally: Tally;
  serverSig: string;
}

/** POST /api/v1/admin/campaigns/<id>/publish: the publication's version, its office action and what was made public. */
export interface PublishAnswer extends PublishedTally {
  version: number;
  publishedAt: string;
  /** H(action) and leaf index of the `publish` office action. */
  hash: string;
  logIndex: number;
}

/**
 * GET /api/v1/admin/campaigns/<id>/publication: the latest publication, null before the first, and
 * its withdrawal (撤回公示) when it was withdrawn (then nothing is public), else null.
 */
export interface PublicationState {
  publication: { version: number; publishedAt: string; publishedBy: string; computedAt: string; logSize: number } | null;
  withdrawn: { version: number; withdrawnAt: string; withdrawnBy: string; reason: string } | null;
}

/** POST /api/v1/admin/campaigns/<id>/publication/withdraw: the version taken down and the `withdraw-publication` action. */
export interface WithdrawAnswer {
  version: number;
  withdrawnAt: string;
  hash: string;
  logIndex: number;
}

/** GET /api/v1/server-key. */
export interface ServerKeyAnswer {
  alg: SigningAlg;
  jwk: PublicJwk;
  keyId: string;
}

/** Why a collector's work should be looked at (GET …/data-quality). */
export type QualityFlag =
  'high-rate' | 'short-durations' | 'bursts' | 'identical-answers' | 'overlapping-times' | 'impossible-spacing' | 'late-receipt' | 'out-of-order' | 'held';

/** The thresholds the server applied. */
export interface QualityOptions {
  /** A burst: at least `burstCount` questionnaires sealed within `burstWindowMs`. */
  burstWindowMs: number;
  burstCount: number;
  /** Identical answers (same unit, group, overall and every rating) this many times or more. */
  identicalMin: number;
  /** Flag a collector whose median questionnaire took less than this. */
  shortMedianMs: number;
  /** Flag a collector who sealed more than this many questionnaires in one clock hour. */
  maxPerHour: number;
}

/** Nearest-rank percentiles of a collector's questionnaire durations. */
export interface Spread {
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
}

/**
 * Data-quality signals on the server's evidence rather than the tablet's word alone (server
 * office/quality-evidence.ts).
 */
export interface EvidenceSignals {
  /** Questionnaires whose createdAt..sealedAt overlaps another's of the group (one person, one interview at a time). */
  overlapping: { count: number; examples: [string, string][] };
  /** Questionnaires sealed after the previous one by less than their own durationMs − 1 s: 19 of 95 s sealed 74 s apart. */
  impossibleSpacing: { count: number; longestRun: number; examples: string[] };
  /** Received more than 72 h after they were sealed. */
  lateReceipts: { count: number; maxDelayMs: number };
  /** Sealed more than 10 min before a lower-seq questionnaire of the same device. */
  outOfOrder: number;
  held: number;
  excluded: number;
}

/** Data-quality signals of a group of questionnaires (a collector's or a device's; flagged for review, never deleted). */
export interface GroupQuality extends EvidenceSignals {
  questionnaires: number;
  /** Questionnaires per hour over the clock hours in which the collector sealed any. */
  perActiveHour: number;
  /** Highest number of questionnaires sealed within one clock hour. */
  maxPerHour: number;
  /** Spread of f2f durationMs. */
  durationMs: Spread | null;
  /** Runs of questionnaires sealed close together. */
  bursts: { from: string; to: string; count: number }[];
  /** Groups of questionnaires with the same answers throughout. */
  identicalPatterns: { count: number; recordIds: string[] }[];
  /** Empty when nothing stands out. */
  flags: QualityFlag[];
}

export interface CollectorQuality extends GroupQuality {
  collector: string;
}

export interface DeviceQuality extends GroupQuality {
  deviceId: string;
  /** The collectors its questionnaires name. */
  collectors: string[];
}

/** GET /api/v1/admin/campaigns/<id>/data-quality. */
export interface DataQuality {
  campaignId: string;
  options?: QualityOptions;
  collectors: CollectorQuality[];
  devices: DeviceQuality[];
}

/** Review states the review lists (GET …/review?state=). */
export type ReviewListState = 'held' | 'accepted' | 'excluded';

/** One questionnaire of GET …/review (PROTOCOL.md "Held questionnaires and the office's review"). */
export interface ReviewItem {
  hash: string;
  logIndex: number;
  deviceId: string;
  seq: number;
  collector: string;
  unitId: string;
  createdAt: string;
  sealedAt: string;
  receivedAt: string;
  /** Why it was held: daily-cap, burst. */
  reasons: ('daily-cap' | 'burst')[];
  state: ReviewListState | 'counted';
}

/** GET /api/v1/admin/campaigns/<id>/review. */
export interface ReviewPage {
  records: ReviewItem[];
  next: number | null;
}

/** POST /api/v1/admin/campaigns/<id>/review: by hashes, or a device's range of seqs. */
export type ReviewDecisionRequest = { decision: 'accept' | 'exclude'; reason: string } & (
  { hashes: string[] } | { deviceId: string; fromSeq: number; toSeq: number }
);

/** One inspection finding with its later corrections (GET …/findings). */
export interface Finding extends ReceivedRecord {
  amendments: ReceivedRecord[];
  voided: ReceivedRecord | null;
}

/** GET …/findings. */
export interface Findings {
  campaignId: string;
  findings: Finding[];
}

/** GET (and PUT) …/manual-scores: the figures in force and who set them (version 0: none entered yet). */
export interface ManualScoresAnswer extends ManualScores {
  version?: number;
  setAt?: string | null;
  setBy?: string | null;
  /** Why the office entered this version, when it said. */
  reason?: string;
  /** The part and units this version filled from the 整改 completion rates (100 × done / total, 2 decimals). */
  fromRectification?: { part: string; units: Record<string, { done: number; total: number; value: number }> };
}

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

/** An item of GET /api/v1/admin/office-actions (src/protocol/office-action.ts). */
export interface LoggedOfficeAction {
  hash: string;
  logIndex: number;
  action: { v: 1; type: 'office'; action: string; campaignId?: string; actor: string; at: string; data: Record<string, unknown> };
}

/**
 * One row of GET …/opinions (归纳梳理): an opinion, complaint or finding with the office's 甄别.
 * Never who said it or who noted it. A finding's description stays sealed: `sealed` is the part
 * the office opens in its browser with the campaign key (bound to one of `bindingIds`).
 */
export interface OpinionRow extends OpinionItem {
  tags: OpinionTag[];
  /** The office's note (what was decided), null when none. */
  note: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  /** A finding's confidential part and the record ids it may be bound to. */
  sealed?: { ids: string[]; alg: string; enc: string; ct: string };
}

/** GET /api/v1/admin/campaigns/<id>/opinions. */
export interface OpinionsAnswer {
  campaignId: string;
  rows: OpinionRow[];
  /** Rows per unit (id, or "" for none) and source; rows per tag, and rows with no tag yet ("untagged"). */
  counts: { byUnit: Record<string, Record<string, number>>; byTag: Record<string, number> };
}

/** POST /api/v1/admin/campaigns/<id>/opinions/tags: sets (replaces) the tags and note of each ref. */
export interface OpinionTagsRequest {
  refs: string[];
  tags: OpinionTag[];
  note?: string;
}

/** An item of GET /api/v1/admin/campaigns/<id>/rectifications (PROTOCOL.md "Rectification"). */
export interface RectItemView extends RectItem {
  status: RectStatus;
  overdue: boolean;
  /** Whole days past the deadline (Asia/Shanghai), 0 when not overdue. */
  daysOverdue: number;
  answers: RectAnswer[];
  followups: FollowupRef[];
}

/** GET …/rectifications: the items, overdue first, and the counts per unit (of every item, whatever the status filter). */
export interface RectList {
  items: RectItemView[];
  units: UnitRectCounts[];
}
