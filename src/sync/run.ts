import { isoTime } from '../domain/ids';
import { loadDeviceKey } from '../store/device-key';
import type { PingyiDb } from '../store/db';
import { checkLog, type LogCheck } from './auditlog';
import { followCampaign } from './campaign-follow';
import { followRectItems } from './rect-items';
import { backoffDelay } from './backoff';
import { serverClient, type FetchFn, type Retry } from './http';
import { outboxRange } from './outbox';
import { OUTBOX_LOCK } from './names';
import { checkServerKey } from './receipts';
import { probePosted, sendPass, type PassContext } from './send';
import { KV, readEnrollment, readOutboxState, readServerKey, updateOutboxState, type OutboxError, type OutboxProgress, type VerifiedReceipt } from './state';

export { OUTBOX_LOCK };
export { batchRefusal, recordSummary } from './send';

type Locks = { request(name: string, options: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<OutboxResult>): Promise<OutboxResult> };

export interface OutboxDeps {
  fetchFn: FetchFn;
  now?: () => number;
  random?: () => number;
  /** The user pressed 同步: run despite a backoff or an earlier refusal. */
  manual?: boolean;
  onProgress?: (p: OutboxProgress) => void;
  /** Defaults to navigator.locks; null runs without a lock (tests, browsers without Web Locks). */
  locks?: Locks | null;
}

export type OutboxResult =
  | { status: 'not-enrolled' }
  | { status: 'busy' }
  | { status: 'waiting'; until: number }
  | { status: 'blocked'; error: OutboxError }
  | { status: 'nothing' }
  | { status: 'sent'; sent: number; appended: number; receipt: VerifiedReceipt }
  | { status: 'refused'; error: OutboxError }
  | { status: 'retry'; error: OutboxError; until: number };

/**
 * Sends the enrolled device's unsent records: blobs first, then signed batches in seq order; marks
 * records received only under a verified receipt. Shared by the page and the service worker (no
 * DOM); all its state is in db.kv, so a run that is cut off resumes where it stopped.
 */
export function runOutbox(db: PingyiDb, deps: OutboxDeps): Promise<OutboxResult> {
  const locks = deps.locks === undefined ? ((globalThis.navigator as { locks?: Locks } | undefined)?.locks ?? null) : deps.locks;
  if (!locks) return sendOutbox(db, deps);
  return locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => (lock ? sendOutbox(db, deps) : { status: 'busy' }));
}

const MAX_PASSES = 8;
const MAX_GAP_RESENDS = 3;

async function sendOutbox(db: PingyiDb, deps: OutboxDeps): Promise<OutboxResult> {
  const now = deps.now ?? Date.now;
  const iso = () => isoTime(now());
  const enrollment = await readEnrollment(db);
  if (!enrollment) return { status: 'not-enrolled' };
  const state = await readOutboxState(db);
  if (deps.manual) {
    await updateOutboxState(db, (s) => ({ ...s, lastError: null, backoffUntil: undefined }));
  } else {
    if (state.lastError) return { status: 'blocked', error: state.lastError };
    if (state.backoffUntil && state.backoffUntil > now()) return { status: 'waiting', until: state.backoffUntil };
  }

  let sent = 0;
  let appended = 0;
  let last: VerifiedReceipt | undefined;
  const refuse = async (error: OutboxError): Promise<OutboxResult> => {
    await updateOutboxState(db, (s) => ({
      ...s,
      lastError: error,
      lastRun: { at: iso(), result: 'refused', sentRecords: sent, appended },
      progress: finish(s.progress),
    }));
    return { status: 'refused', error };
  };
  const retry = async (a: Retry): Promise<OutboxResult> => {
    const error: OutboxError = { code: a.status ? 'server' : 'network', message: a.reason, ...(a.status ? { status: a.status } : {}), at: iso() };
    const s = await updateOutboxState(db, (s) => {
      const attempts = s.attempts + 1;
      const backoffUntil = now() + backoffDelay(attempts, deps.random, a.retryAfter);
      return {
        ...s,
        attempts,
        backoffUntil,
        lastFailure: error,
        lastRun: { at: iso(), result: 'retry', sentRecords: sent, appended },
        progress: finish(s.progress),
      };
    });
    return { status: 'retry', error, until: s.backoffUntil! };
  };

  const key = await loadDeviceKey(db);
  if (!key) return refuse({ code: 'no-device-key', message: 'This tablet has no device key; enroll it again.', at: iso() });
  const client = serverClient(enrollment.serverUrl, deps.fetchFn);
  let serverKey = await readServerKey(db);
  if (!serverKey) {
    const a = await client.getServerKey();
    if (a.kind === 'retry') return retry(a);
    serverKey = a.kind === 'ok' ? await checkServerKey(a.body) : null;
    if (!serverKey) return refuse({ code: 'bad-server-key', message: 'The server did not give a valid receipt key.', at: iso() });
    await db.kv.put({ key: KV.serverKey, value: serverKey });
  }

  // The audit-log check of the newest receipt needs only the network: it overlaps the last marks.
  let logCheck: LogCheck = { kind: 'none' };
  const whenSent = async (newest: VerifiedReceipt) => {
    logCheck = await checkLog(client, (await readOutboxState(db)).checkpoint, newest.receipt, iso());
  };
  const ctx: PassContext = { db, client, enrollment, key, serverKey, iso, onProgress: deps.onProgress, whenSent };
  let fromSeq: number | undefined;
  let gapResends = 0;
  // A batch whose answer the last run never saw (the link dropped) may be on the server already.
  let skipTo: number | undefined;
  const posted = state.postedThrough;
  if (posted && posted.deviceId === enrollment.deviceId) {
    const probe = await probePosted(ctx, posted.seq);
    if (probe.kind === 'retry') return retry(probe.answer);
    if (probe.kind === 'receipt') last = probe.receipt;
    if (probe.kind === 'from') skipTo = probe.seq;
  }
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const range = await outboxRange(db, enrollment.deviceId, fromSeq);
    fromSeq = undefined;
    if (!range) break;
    // The server holds the records before skipTo: the first batch's receipt covers them too.
    if (skipTo !== undefined && skipTo > range.from && skipTo <= range.head) range.from = skipTo;
    skipTo = undefined;
    const outcome = await sendPass(ctx, range);
    sent += outcome.sent;
    appended += outcome.appended;
    last = outcome.last ?? last;
    if (outcome.kind === 'retry') return retry(outcome.answer);
    if (outcome.kind === 'refused') return refuse(outcome.error);
    if (outcome.kind === 'gap') {
      if (++gapResends > MAX_GAP_RESENDS)
        return refuse({ code: 'chain-gap', message: `The server keeps asking for records from ${outcome.fromSeq}.`, expectedSeq: outcome.fromSeq, at: iso() });
      fromSeq = outcome.fromSeq;
    }
  }

  // The campaign follows at every sync (a newer version for the drafts started after it); not
  // reaching it never fails the sending, which is done.
  await followCampaign({ db, client, deviceId: enrollment.deviceId, campaignId: enrollment.campaignId, alg: enrollment.alg, key, serverKey, iso }).catch(
    () => undefined,
  );
  // So are the rectification items for 回头看 (kept as they were when the server cannot say).
  await followRectItems({ db, client, deviceId: enrollment.deviceId, campaignId: enrollment.campaignId, alg: enrollment.alg, key }).catch(() => undefined);

  await updateOutboxState(db, (s) => ({
    ...s,
    attempts: 0,
    backoffUntil: undefined,
    lastError: null,
    lastFailure: null,
    lastRun: { at: iso(), result: last ? 'sent' : 'nothing', sentRecords: sent, appended },
    postedThrough: undefined,
    ...(last ? { lastSuccessAt: iso() } : {}),
    ...(logCheck.kind === 'first' || logCheck.kind === 'consistent' ? { checkpoint: logCheck.checkpoint } : {}),
    ...(logCheck.kind === 'alarm' ? { logAlarm: logCheck.error } : {}),
    progress: finish(s.progress),
  }));
  return last ? { status: 'sent', sent, appended, receipt: last } : { status: 'nothing' };
}

function finish(p: OutboxProgress | undefined): OutboxProgress | undefined {
  return p ? { ...p, finished: true } : p;
}
