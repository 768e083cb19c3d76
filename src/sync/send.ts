import type { PingyiDb, StoredRecord } from '../store/db';
import type { Enrollment, OutboxError, OutboxProgress, ServerKey, VerifiedReceipt } from './state';
import { planBatches, signBatch, toWire, type SignedBatch, type WireRecord } from './batch';
import { blobsToSend, uploadBlob, type BlobToSend } from './blobs';
import { LocalChainError, outboxReader, type OutboxRange } from './outbox';
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
  { kind: 'done' } | { kind: 'gap'; fromSeq: number } | { kind: 'retry'; answer: Retry } | { kind: 'refused'; error: OutboxError }
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

/** A batch made ready while the one before it travels: read, serialised, its photos listed, signed. */
interface Prepared {
  batch: WireRecord[];
  blobs: BlobToSend[];
  signed: SignedBatch;
}

/**
 * Sends a range of the chain in batches: each batch's photos, then the batch, then its receipt is
 * verified. The records are read a chunk at a time (outboxReader), and the tablet's own work
 * overlaps the round trips: while batch k travels, batch k+1 is read, serialised and signed;
 * batch k's receipt is verified while batch k+1 travels; the received mark is written in the
 * background, in receipt order. The byte total is an estimate until the last chunk is read.
 */
export async function sendPass(ctx: PassContext, range: OutboxRange): Promise<PassOutcome> {
  const { db, client, enrollment, key, iso } = ctx;
  const reader = outboxReader(db, range);
  const totalRecords = range.head - range.from + 1;
  let readRecords = 0;
  let readBytes = 0;
  let progress: OutboxProgress = {
    doneRecords: 0,
    totalRecords,
    doneBytes: 0,
    totalBytes: 0,
    bytesEstimated: true,
    startedAt: iso(),
    updatedAt: iso(),
    finished: false,
  };
  const report = (p: OutboxProgress) => {
    progress = p;
    ctx.onProgress?.(p);
  };

  // Batches of one chunk (a chunk is one batch's worth; the byte bound may split it further),
  // with the chunk's photos not yet on the server.
  const planned: WireRecord[][] = [];
  let chunkBlobs: BlobToSend[] = [];
  const nextBatch = async (): Promise<{ batch: WireRecord[]; blobs: BlobToSend[] } | null> => {
    if (planned.length === 0) {
      const rows = await reader.next();
      if (!rows) return null;
      const wire = rows.map(toWire);
      const blobs = (chunkBlobs = await blobsToSend(db, rows));
      readRecords += rows.length;
      readBytes += wire.reduce((n, w) => n + w.bytes, 0) + blobs.reduce((n, b) => n + b.bytes, 0);
      const done = readRecords >= totalRecords;
      const totalBytes = done ? readBytes : Math.round((readBytes / readRecords) * totalRecords);
      report({ ...progress, totalBytes: Math.max(totalBytes, progress.doneBytes), bytesEstimated: !done, updatedAt: iso() });
      planned.push(...planBatches(wire));
    }
    const batch = planned.shift()!;
    const inBatch = new Set(batch.map((w) => w.stored));
    // A photo goes with the first record that names it.
    return { batch, blobs: chunkBlobs.filter((b) => inBatch.has(b.record)) };
  };
  // Signing happens outside any IndexedDB transaction (an awaited WebCrypto call would end one).
  const prepare = async (): Promise<Prepared | null> => {
    const next = await nextBatch();
    if (!next) return null;
    return { ...next, signed: await signBatch(next.batch, enrollment.keyId, enrollment.alg, key, iso()) };
  };
  const ahead = (p: Promise<Prepared | null>) => {
    p.catch(() => undefined); // awaited below; a pass that stops early leaves it unread
    return p;
  };

  let sent = 0;
  let appended = 0;
  let last: VerifiedReceipt | undefined;
  const marks = receiptMarker(db);
  type Stop = { kind: 'gap'; fromSeq: number } | { kind: 'retry'; answer: Retry } | { kind: 'refused'; error: OutboxError };
  const end = async (o: { kind: 'done' } | Stop): Promise<PassOutcome> => {
    try {
      await marks.settled();
    } catch (e) {
      if (!(e instanceof ReceiptMismatchError)) throw e;
      return { kind: 'refused', error: { code: 'bad-receipt', message: e.message, at: iso() }, sent, appended, last };
    }
    return { ...o, sent, appended, last };
  };

  /** Verifies an accepted batch's receipt and queues its mark; a Stop when it does not verify. */
  const acknowledge = async (body: unknown, p: Prepared): Promise<Stop | null> => {
    const { signed, batch } = p;
    const check = await checkBatchAnswer(body, signed.header, ctx.serverKey);
    if (!check.ok) {
      // A receipt that does not verify marks nothing: the records stay unsent and are sent again.
      return { kind: 'refused', error: { code: 'bad-receipt', message: check.reason, fromSeq: signed.header.fromSeq, toSeq: signed.header.toSeq, at: iso() } };
    }
    const verifiedAt = iso();
    sent += batch.length;
    appended += check.answer.appended;
    last = { status: check.answer.status, appended: check.answer.appended, receipt: check.answer.receipt, serverSig: check.answer.serverSig, verifiedAt };
    report({
      ...progress,
      doneRecords: progress.doneRecords + batch.length,
      doneBytes: progress.doneBytes + batch.reduce((n, w) => n + w.bytes, 0),
      updatedAt: verifiedAt,
    });
    marks.add({ answer: check.answer, verifiedAt, progress });
    return null;
  };

  let checking: Promise<Stop | null> = Promise.resolve(null);
  const uploaded = new Set<string>();
  try {
    let current = await prepare();
    ctx.onProgress?.(progress);
    await updateOutboxState(db, (s) => ({ ...s, progress }));
    while (current) {
      for (const blob of current.blobs) {
        if (uploaded.has(blob.sha256)) continue;
        const up = await uploadBlob(db, client, enrollment.deviceId, enrollment.alg, key, blob);
        if (up.answer.kind === 'retry') return end({ kind: 'retry', answer: up.answer });
        if (up.answer.kind === 'refused') {
          return end({ kind: 'refused', error: { ...refusal(up.answer, iso()), record: recordSummary(blob.record), missing: [blob.sha256] } });
        }
        uploaded.add(blob.sha256);
        report({ ...progress, doneBytes: progress.doneBytes + blob.bytes, updatedAt: iso() });
      }
      const { signed } = current;
      const posting = client.postBatch(signed.bodyText);
      const next = ahead(prepare());
      // The previous receipt was being verified while this batch went out.
      const stop = await checking;
      if (stop) return end(stop);
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
      checking = acknowledge(answer.body, current);
      current = await next;
    }
    const stop = await checking;
    if (stop) return end(stop);
  } catch (e) {
    if (!(e instanceof LocalChainError)) throw e;
    // The batches before the break were sent: their receipts still count.
    const stop = await checking;
    if (stop) return end(stop);
    return end({ kind: 'refused', error: { code: 'local-chain', message: e.message, fromSeq: e.seq, at: iso() } });
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
