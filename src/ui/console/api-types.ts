/**
 * Shapes of the office API as the console reads them (PROTOCOL.md "Office side", plus the people
 * accounts, data-quality and log routes of src/server/office). Types only: nothing here is loaded
 * at run time.
 */
import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord, RecordType } from '../../domain/records';
import type { ManualScores, Tally } from '../../domain/scoring/types';
import type { PublicJwk, SigningAlg } from '../../protocol/keys';

export type { Campaign, ManualScores, PingyiRecord, RecordType, Tally };

/** Office-admin sees everything; a coordinator sees devices, sync state and data quality. */
export type PersonRole = 'office-admin' | 'coordinator';

/** The signed-in person (GET/POST /api/v1/session). */
export interface Person {
  username: string;
  role: PersonRole;
  displayName?: string;
}

export type DeviceRole = 'representative' | 'inspector' | 'coordinator';

/** One row of GET /api/v1/admin/devices. */
export interface DeviceRow {
  deviceId: string;
  label: string;
  role: DeviceRole;
  collector: string;
  alg: SigningAlg;
  headSeq: number;
  lastBatchAt: string | null;
  revokedAt: string | null;
  campaignId?: string;
}

/** POST /api/v1/admin/enrollment-codes answer. */
export interface EnrollmentCode {
  code: string;
  expiresAt: string;
}

export interface IssueCodeRequest {
  campaignId: string;
  role: DeviceRole;
  collector: string;
  ttlHours?: number;
}

/** One item of GET /api/v1/admin/records: the record exactly as received. */
export interface ReceivedRecord {
  hash: string;
  receivedAt: string;
  record: PingyiRecord;
}

/** `next` is the `after` of the following page (the server's cursor; opaque here), null at the end. */
export type Cursor = string | number;

export interface RecordPage {
  records: ReceivedRecord[];
  next: Cursor | null;
}

export interface RecordFilter {
  campaignId: string;
  type?: RecordType | '';
  unitId?: string;
  collector?: string;
  /** A calendar day, YYYY-MM-DD, of the record's sealedAt. */
  day?: string;
}

/** GET /api/v1/admin/campaigns/<id>/tally. */
export interface SignedTally {
  tally: Tally;
  serverSig: string;
}

/** GET /api/v1/server-key. */
export interface ServerKey {
  alg: SigningAlg;
  jwk: PublicJwk;
  keyId: string;
}

/** Why a collector's work should be looked at (GET …/data-quality). */
export type QualityFlag = 'high-rate' | 'short-durations' | 'bursts' | 'identical-answers';

/** The thresholds the server applied. */
export interface QualityOptions {
  burstWindowMs: number;
  burstCount: number;
  identicalMin: number;
  shortMedianMs: number;
  maxPerHour: number;
}

/** Data-quality signals of one collector (flagged for review, never deleted). */
export interface CollectorQuality {
  collector: string;
  questionnaires: number;
  /** Questionnaires per hour over the clock hours in which the collector sealed any. */
  perActiveHour: number;
  /** Highest number of questionnaires sealed within one clock hour. */
  maxPerHour: number;
  /** Spread of f2f durationMs. */
  durationMs: { min: number; p10?: number; p25: number; median: number; p75: number; p90?: number; max: number } | null;
  /** Runs of questionnaires sealed close together. */
  bursts: { from: string; to: string; count: number }[];
  /** Groups of questionnaires with the same answers throughout. */
  identicalPatterns: { count: number; recordIds: string[] }[];
  /** Empty when nothing stands out. */
  flags: (QualityFlag | string)[];
}

export interface DataQuality {
  campaignId: string;
  options?: QualityOptions;
  collectors: CollectorQuality[];
}

/** One inspection finding with its later corrections (GET …/findings). */
export interface Finding extends ReceivedRecord {
  amendments: ReceivedRecord[];
  voided: ReceivedRecord | null;
}

/** GET …/manual-scores: the figures in force and who set them (version 0: none entered yet). */
export interface ManualScoresVersion extends ManualScores {
  version?: number;
  setAt?: string | null;
  setBy?: string | null;
}

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';
