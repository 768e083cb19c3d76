import type { PingyiDb, StoredRecord } from '../store/db';
import type { Enrollment, OutboxError, OutboxProgress, ServerKey, VerifiedReceipt } from './state';
import { planBatches, signBatch, toWire, type SignedBatch, type WireRecord } from './batch';
import { blobsToSend, uploadBlob } from './blobs';
import type { BatchAnswer } from '../protocol/batch';
import type { Refused, Retry, ServerClient } from './http';
import { applyReceipt, checkBatchAnswer, ReceiptMismatchError } from './receipts';
import { updateOutboxState } from './state';

export interface PassContext {
  db: PingyiDb;
  client: ServerClient;
  enrollment: Enrollment;
  key: CryptoKey;
  serverKey: ServerKey;
  iso: () => string;
  onProgress?: (p: OutboxProgress) => void;
  /** Runs once every batch of a pass is acknowledged, while the last marks are still being written. */
  whenSent?: (last: VerifiedReceipt) => Promise<void>;
}

/** What one pass over the outbox came to; counters cover the batches acknowledged in it. */
export type PassOutcome = { sent: number; appended: number; last?: VerifiedReceipt } & (
  | { kind: 'done' }
  | { kind: 'gap'; fromSeq: number }
  | { kind: 'retry'; answer: Retry }
  | { kind: 'refused'; error: OutboxError }
);

export function recordSummary(r: StoredRecord): NonNullable<OutboxError['record']> {
  return { seq: r.seq, id: r.record.id, type: r.type, hash: r.hash };
}

function isSeq(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}

export function refusal(a: Refused, at: string): OutboxError {
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

/**
 * Sends consecutive records in batches: each batch's photos, then the batch, then its receipt is
 * verified. Two things overlap with the round trip of batch k, to keep the tablet off the
 * critical path: signing batch k+1, and marking batch k-1's records received (in one
 * transaction with the receipt and the progress, in order).
 */
export async function sendPass(ctx: PassContext, records: StoredRecord[]): Promise<PassOutcome> {
  const { db, client, enrollment, key, iso } = ctx;
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
  ctx.onProgress?.(progress);
  await updateOutboxState(db, (s) => ({ ...s, progress }));

  let sent = 0;
  let appended = 0;
  let last: VerifiedReceipt | undefined;
  const marks = receiptMarker(db);
  const end = async (o: { kind: 'done' } | { kind: 'gap'; fromSeq: number } | { kind: 'retry'; answer: Retry } | { kind: 'refused'; error: OutboxError }): Promise<PassOutcome> => {
    try {
      await marks.settled();
    } catch (e) {
      if (!(e instanceof ReceiptMismatchError)) throw e;
      return { kind: 'refused', error: { code: 'bad-receipt', message: e.message, at: iso() }, sent, appended, last };
    }
    return { ...o, sent, appended, last };
  };
  // Signing happens outside any IndexedDB transaction (an awaited WebCrypto call would end one).
  const sign = (batch: WireRecord[]) => {
    const p = signBatch(batch, enrollment.keyId, enrollment.alg, key, iso());
    p.catch(() => undefined); // awaited below; a pass that stops early leaves it unread
    return p;
  };

  let next = sign(batches[0]!);
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i]!;
    for (const blob of await blobsToSend(db, batch.map((w) => w.stored))) {
      const up = await uploadBlob(db, client, enrollment.deviceId, enrollment.alg, key, blob);
      if (up.answer.kind === 'retry') return end({ kind: 'retry', answer: up.answer });
      if (up.answer.kind === 'refused') {
        return end({ kind: 'refused', error: { ...refusal(up.answer, iso()), record: recordSummary(blob.record), missing: [blob.sha256] } });
      }
      progress = { ...progress, doneBytes: progress.doneBytes + blob.bytes, updatedAt: iso() };
      ctx.onProgress?.(progress);
    }

    const signed = await next;
    const posting = client.postBatch(signed.bodyText);
    if (i + 1 < batches.length) next = sign(batches[i + 1]!);
    const answer = await posting;
    if (answer.kind === 'retry') return end({ kind: 'retry', answer });
    if (answer.kind === 'refused') {
      const expected = answer.details.expectedSeq;
      if (answer.error === 'chain-gap' && isSeq(expected) && expected < signed.header.fromSeq) {
        // The server holds less than our receipts say (restored from a backup, or a relay went
        // astray): resend from where it stands. Records are never deleted, so we still have them.
        return end({ kind: 'gap', fromSeq: expected });
      }
      return end({ kind: 'refused', error: batchRefusal(answer, signed, iso()) });
    }
    const check = await checkBatchAnswer(answer.body, signed.header, ctx.serverKey);
    if (!check.ok) {
      // A receipt that does not verify marks nothing: the records stay unsent and are sent again.
      return end({ kind: 'refused', error: { code: 'bad-receipt', message: check.reason, fromSeq: signed.header.fromSeq, toSeq: signed.header.toSeq, at: iso() } });
    }
    const verifiedAt = iso();
    sent += batch.length;
    appended += check.answer.appended;
    last = { status: check.answer.status, appended: check.answer.appended, receipt: check.answer.receipt, serverSig: check.answer.serverSig, verifiedAt };
    progress = { ...progress, doneRecords: progress.doneRecords + batch.length, doneBytes: progress.doneBytes + batch.reduce((n, w) => n + w.bytes, 0), updatedAt: verifiedAt };
    ctx.onProgress?.(progress);
    marks.add({ answer: check.answer, verifiedAt, progress });
  }
  const alongside = last && ctx.whenSent ? ctx.whenSent(last) : Promise.resolve();
  alongside.catch(() => undefined); // awaited below, after the marks
  const outcome = await end({ kind: 'done' });
  await alongside;
  return outcome;
}

interface Mark {
  answer: BatchAnswer;
  verifiedAt: string;
  progress: OutboxProgress;
}

/**
 * Applies receipts in the background, in order. Receipts that queue up while a transaction runs
 * collapse into the newest: it covers every earlier record, so a slow disk costs fewer
 * transactions instead of a growing backlog.
 */
function receiptMarker(db: PingyiDb): { add(m: Mark): void; settled(): Promise<void> } {
  let queued: Mark | null = null;
  let running: Promise<void> | null = null;
  let failure: unknown = null;
  const drain = async () => {
    while (queued && failure === null) {
      const m = queued;
      queued = null;
      try {
        await applyReceipt(db, m.answer, m.verifiedAt, { progress: m.progress });
      } catch (e) {
        failure = e;
      }
    }
    running = null;
  };
  return {
    add(m) {
      queued = m;
      running ??= drain();
    },
    async settled() {
      while (running) await running;
      if (failure !== null) throw failure;
    },
  };
}
