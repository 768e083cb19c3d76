import { isoTime } from '../domain/ids';
import { loadDeviceKey } from '../platform/keys';
import type { PingyiDb, StoredRecord } from '../store/db';
import { checkLog } from './auditlog';
import { backoffDelay } from './backoff';
import { planBatches, signBatch, toWire, type SignedBatch } from './batch';
import { blobsToSend, uploadBlob } from './blobs';
import { serverClient, type FetchFn, type Refused, type Retry } from './http';
import { LocalChainError, loadOutbox } from './outbox';
import { OUTBOX_LOCK } from './names';
import { applyReceipt, checkBatchAnswer, checkServerKey, ReceiptMismatchError } from './receipts';
import { KV, readEnrollment, readOutboxState, readServerKey, updateOutboxState, type OutboxError, type OutboxProgress, type VerifiedReceipt } from './state';

export { OUTBOX_LOCK };

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

export function recordSummary(r: StoredRecord): NonNullable<OutboxError['record']> {
  return { seq: r.seq, id: r.record.id, type: r.type, hash: r.hash };
}

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
    await updateOutboxState(db, (s) => ({ ...s, lastError: error, lastRun: { at: iso(), result: 'refused', sentRecords: sent, appended }, progress: finish(s.progress) }));
    return { status: 'refused', error };
  };
  const retry = async (a: Retry): Promise<OutboxResult> => {
    const error: OutboxError = { code: a.status ? 'server' : 'network', message: a.reason, ...(a.status ? { status: a.status } : {}), at: iso() };
    const s = await updateOutboxState(db, (s) => {
      const attempts = s.attempts + 1;
      const backoffUntil = now() + backoffDelay(attempts, deps.random, a.retryAfter);
      return { ...s, attempts, backoffUntil, lastFailure: error, lastRun: { at: iso(), result: 'retry', sentRecords: sent, appended }, progress: finish(s.progress) };
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

  let fromSeq: number | undefined;
  let gapResends = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let records: StoredRecord[];
    try {
      records = await loadOutbox(db, enrollment.deviceId, fromSeq);
    } catch (e) {
      if (!(e instanceof LocalChainError)) throw e;
      return refuse({ code: 'local-chain', message: e.message, fromSeq: e.seq, at: iso() });
    }
    fromSeq = undefined;
    if (records.length === 0) break;

    const wire = records.map(toWire);
    const batches = planBatches(wire);
    const blobs = await blobsToSend(db, records);
    let progress: OutboxProgress = {
      doneRecords: 0,
      totalRecords: records.length,
      doneBytes: 0,
      totalBytes: wire.reduce((n, w) => n + w.bytes, 0) + blobs.reduce((n, b) => n + b.bytes, 0),
      startedAt: iso(),
      updatedAt: iso(),
      finished: false,
    };
    const report = async (p: OutboxProgress) => {
      progress = p;
      deps.onProgress?.(p);
      await updateOutboxState(db, (s) => ({ ...s, progress: p }));
    };
    await report(progress);

    // Marking records received for batch k overlaps with sending batch k+1; the marks stay in order.
    let marking: Promise<unknown> = Promise.resolve();
    const settle = async (): Promise<OutboxResult | null> => {
      try {
        await marking;
        return null;
      } catch (e) {
        if (!(e instanceof ReceiptMismatchError)) throw e;
        return refuse({ code: 'bad-receipt', message: e.message, at: iso() });
      }
    };

    for (const batch of batches) {
      for (const blob of await blobsToSend(db, batch.map((w) => w.stored))) {
        const up = await uploadBlob(db, client, enrollment.deviceId, enrollment.alg, key, blob);
        if (up.answer.kind === 'retry') return (await settle()) ?? retry(up.answer);
        if (up.answer.kind === 'refused') {
          return (await settle()) ?? refuse({ ...refusal(up.answer, iso()), record: recordSummary(blob.record), missing: [blob.sha256] });
        }
        await report({ ...progress, doneBytes: progress.doneBytes + blob.bytes, updatedAt: iso() });
      }

      // Signing happens here, outside any IndexedDB transaction (an awaited WebCrypto call would end one).
      const signed = await signBatch(batch, enrollment.keyId, enrollment.alg, key, iso());
      const answer = await client.postBatch(signed.bodyText);
      if (answer.kind === 'retry') return (await settle()) ?? retry(answer);
      if (answer.kind === 'refused') {
        const stop = await settle();
        if (stop) return stop;
        const expected = answer.details.expectedSeq;
        if (answer.error === 'chain-gap' && isSeq(expected) && expected < signed.header.fromSeq && gapResends < MAX_GAP_RESENDS) {
          // The server holds less than our receipts say (restored from a backup, or a relay went
          // astray): resend from where it stands. Records are never deleted, so we still have them.
          gapResends++;
          fromSeq = expected;
          break;
        }
        return refuse(batchRefusal(answer, signed, iso()));
      }
      const check = await checkBatchAnswer(answer.body, signed.header, serverKey);
      if (!check.ok) {
        // A receipt that does not verify marks nothing: the records stay unsent and are sent again.
        return (await settle()) ?? refuse({ code: 'bad-receipt', message: check.reason, fromSeq: signed.header.fromSeq, toSeq: signed.header.toSeq, at: iso() });
      }
      const verifiedAt = iso();
      marking = marking.then(() => applyReceipt(db, check.answer, verifiedAt));
      sent += batch.length;
      appended += check.answer.appended;
      last = { status: check.answer.status, appended: check.answer.appended, receipt: check.answer.receipt, serverSig: check.answer.serverSig, verifiedAt };
      await report({ ...progress, doneRecords: progress.doneRecords + batch.length, doneBytes: progress.doneBytes + batch.reduce((n, w) => n + w.bytes, 0), updatedAt: iso() });
    }
    const stop = await settle();
    if (stop) return stop;
  }

  const logCheck = last ? await checkLog(client, (await readOutboxState(db)).checkpoint, last.receipt, iso()) : { kind: 'none' as const };
  await updateOutboxState(db, (s) => ({
    ...s,
    attempts: 0,
    backoffUntil: undefined,
    lastError: null,
    lastFailure: null,
    lastRun: { at: iso(), result: last ? 'sent' : 'nothing', sentRecords: sent, appended },
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

function isSeq(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}

function refusal(a: Refused, at: string): OutboxError {
  return { code: a.error, message: a.message, ...(a.status ? { status: a.status } : {}), at };
}

/** The server's refusal of a batch, with the record it concerns when the server names one. */
export function batchRefusal(a: Refused, signed: SignedBatch, at: string): OutboxError {
  const e: OutboxError = { ...refusal(a, at), fromSeq: signed.header.fromSeq, toSeq: signed.header.toSeq };
  const d = a.details;
  if (typeof d.index === 'number' && signed.records[d.index]) e.record = recordSummary(signed.records[d.index]!);
  if (typeof d.path === 'string') e.path = d.path;
  if (isSeq(d.expectedSeq)) e.expectedSeq = d.expectedSeq;
  if (Array.isArray(d.missing)) {
    e.missing = d.missing.filter((m): m is string => typeof m === 'string');
    const named = signed.records.find((r) => r.record.attachments?.some((x) => e.missing!.includes(x.sha256)));
    if (named && !e.record) e.record = recordSummary(named);
  }
  return e;
}
