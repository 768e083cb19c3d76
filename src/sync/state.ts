import type { SigningAlg } from '../protocol/keys';
import type { Receipt } from '../protocol/batch';
import type { PingyiDb } from '../store/db';

/**
 * Everything the sync side remembers lives in db.kv (never in module globals), so a page, another
 * tab and the service worker all see the same progress, and a run that dies resumes where it stopped.
 */
export const KV = {
  enrollment: 'enrollment',
  serverKey: 'serverKey',
  outbox: 'outbox',
} as const;

export type Role = 'representative' | 'inspector' | 'coordinator';

/** What enrolling left on the tablet (the shell builds the Session from it). */
export interface Enrollment {
  serverUrl: string;
  deviceId: string;
  keyId: string;
  alg: SigningAlg;
  collector: string;
  role: Role;
  campaignId: string;
  enrolledAt: string;
}

/** The server's receipt key, fetched at enrollment so receipts can be verified offline. */
export interface ServerKey {
  alg: 'Ed25519';
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  keyId: string;
}

/** A receipt whose serverSig was verified before anything was marked received. */
export interface VerifiedReceipt {
  status: 'accepted' | 'duplicate';
  appended: number;
  receipt: Receipt;
  serverSig: string;
  verifiedAt: string;
}

/** A refusal or failure, with the server's own sentence and the record it concerns. */
export interface OutboxError {
  /** The protocol error code, or 'network' / 'server' (5xx) / 'bad-receipt' / 'log-inconsistent' … */
  code: string;
  /** The server's sentence when it gave one. */
  message: string;
  status?: number;
  fromSeq?: number;
  toSeq?: number;
  record?: { seq: number; id: string; type: string; hash: string };
  path?: string;
  missing?: string[];
  expectedSeq?: number;
  at: string;
}

export interface OutboxProgress {
  doneRecords: number;
  totalRecords: number;
  doneBytes: number;
  totalBytes: number;
  /** The byte total is extrapolated from the records read so far (the outbox is read as it is sent). */
  bytesEstimated?: boolean;
  startedAt: string;
  updatedAt: string;
  finished: boolean;
}

export interface LastRun {
  at: string;
  /** sent: everything covered by receipts; nothing: nothing to send; refused: the server said no; retry: will try again. */
  result: 'sent' | 'nothing' | 'refused' | 'retry';
  sentRecords: number;
  appended: number;
}

export interface Checkpoint {
  logSize: number;
  logRoot: string;
  seenAt: string;
  /** true once a consistency proof from an earlier head verified; false for the first head seen. */
  checked: boolean;
}

export interface OutboxState {
  progress?: OutboxProgress;
  lastRun?: LastRun;
  lastSuccessAt?: string;
  lastReceipt?: VerifiedReceipt;
  /** The refusal that stops automatic runs until the user presses 同步 again. */
  lastError?: OutboxError | null;
  /** The last network or server failure (5xx): retried by itself after the backoff. */
  lastFailure?: OutboxError | null;
  /** Consecutive failed attempts (network / 5xx), for the backoff. */
  attempts: number;
  /** Epoch ms before which automatic runs wait. */
  backoffUntil?: number;
  /** The last audit-log head the tablet has checked (or first seen). */
  checkpoint?: Checkpoint;
  /** Set loudly when the audit log failed its consistency check. */
  logAlarm?: OutboxError | null;
  /**
   * The last seq of the newest batch put on the wire. When a run ends before its answer (a cut
   * link), the next run asks the server about that record first instead of sending the batch again.
   */
  postedThrough?: { deviceId: string; seq: number };
}

export async function readEnrollment(db: PingyiDb): Promise<Enrollment | null> {
  return ((await db.kv.get(KV.enrollment))?.value as Enrollment | undefined) ?? null;
}

export async function readServerKey(db: PingyiDb): Promise<ServerKey | null> {
  return ((await db.kv.get(KV.serverKey))?.value as ServerKey | undefined) ?? null;
}

export async function readOutboxState(db: PingyiDb): Promise<OutboxState> {
  return ((await db.kv.get(KV.outbox))?.value as OutboxState | undefined) ?? { attempts: 0 };
}

/**
 * Read-modify-write of the outbox state in one transaction, so that the progress writer and the
 * receipt writer (which may run interleaved) never lose each other's fields.
 */
export function updateOutboxState(db: PingyiDb, change: (s: OutboxState) => OutboxState): Promise<OutboxState> {
  return db.transaction('rw', db.kv, async () => {
    const next = change(await readOutboxState(db));
    await db.kv.put({ key: KV.outbox, value: next });
    return next;
  });
}
