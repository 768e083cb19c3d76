import type { PingyiDb, StoredRecord } from '../store/db';
import type { Enrollment, OutboxError, OutboxProgress, ServerKey, VerifiedReceipt } from './state';
import { BATCH_LIMITS, MAX_BATCH_RECORDS, planBatches, signBatch, toWire, type SignedBatch, type WireRecord } from './batch';
import { blobsToSend, uploadBlob, type BlobToSend, type BlobUpload, type UploadPlan } from './blobs';
import { LocalChainError, outboxReader, type OutboxRange } from './outbox';
import type { BatchAnswer } from '../protocol/batch';
import type { Refused, Retry, ServerClient } from './http';
import { applyReceipt, checkBatchAnswer, ReceiptMismatchError } from './receipts';
import { updateOutboxState } from './state';
import { receivedThrough } from '../store/received';

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
  /** Its photos' uploads, queued when it was made ready. */
  photos: Promise<BlobUpload>[];
  signed: SignedBatch;
}

/** Requests in flight at once: photo uploads (a bounded window), and batches made ready ahead. */
export const WINDOW = { uploads: 3, batchesAhead: 3 } as const;

/** What one request should take on the measured link: long enough to hide a round trip, short enough that a cut costs little. */
export const REQUEST_SECONDS = 2;

/**
 * The link's rate as this pass sees it: the bytes of finished requests over the time at least one
 * was in flight (requests in parallel share the link). Undefined until 64 KiB have gone.
 */
export function linkMeter(now: () => number = () => performance.now()) {
  let inFlight = 0;
  let busySince = 0;
  let busyMs = 0;
  let bytes = 0;
  return {
    async track<T>(size: number, run: () => Promise<T>): Promise<T> {
      if (inFlight++ === 0) busySince = now();
      try {
        return await run();
      } finally {
        bytes += size;
        if (--inFlight === 0) busyMs += now() - busySince;
      }
    },
    /** Bytes per second. */
    rate(): number | undefined {
      const ms = busyMs + (inFlight ? now() - busySince : 0);
      return bytes >= 64 * 1024 && ms > 0 ? (bytes * 1000) / ms : undefined;
    },
  };
}

/**
 * Records per batch for the measured link: REQUEST_SECONDS of it at the records' average size,
 * between 50 and the protocol's 500 (200 before anything is measured); bytes as BATCH_LIMITS.
 */
export function batchLimits(rate: number | undefined, recordBytes: number): { records: number; bodyBytes: number } {
  if (!rate || !(recordBytes > 0)) return BATCH_LIMITS;
  const records = Math.round((rate * REQUEST_SECONDS) / recordBytes);
  return { records: Math.min(MAX_BATCH_RECORDS, Math.max(50, records)), bodyBytes: BATCH_LIMITS.bodyBytes };
}

/** A photo larger than this goes in parts: REQUEST_SECONDS of the link, at least 64 KiB (256 KiB before anything is measured). */
export function partBytes(rate: number | undefined): number {
  return rate ? Math.max(64 * 1024, Math.round(rate * REQUEST_SECONDS)) : 256 * 1024;
}

/** Runs at most `n` tasks at once, in the order they were asked for. */
function window(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < n) active++;
    else await new Promise<void>((go) => waiting.push(go)); // the slot is handed over as it is
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
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

  // The link as measured in this pass: batch sizes and photo parts follow it.
  const meter = linkMeter();
  const plan: UploadPlan = { partBytes: () => partBytes(meter.rate()), ranges: true, track: meter.track };

  // Records read but not yet in a batch, with the photos they name that the server lacks.
  let buffer: WireRecord[] = [];
  let bufferBlobs: BlobToSend[] = [];
  let exhausted = false;
  const nextBatch = async (): Promise<{ batch: WireRecord[]; blobs: BlobToSend[] } | null> => {
    const limits = batchLimits(meter.rate(), readRecords ? readBytes / readRecords : 0);
    while (!exhausted && buffer.length < limits.records) {
      const rows = await reader.next();
      if (!rows) {
        exhausted = true;
        break;
      }
      const wire = rows.map(toWire);
      const blobs = await blobsToSend(db, rows);
      readRecords += rows.length;
      readBytes += wire.reduce((n, w) => n + w.bytes, 0) + blobs.reduce((n, b) => n + b.bytes, 0);
      const done = readRecords >= totalRecords;
      const totalBytes = done ? readBytes : Math.round((readBytes / readRecords) * totalRecords);
      report({ ...progress, totalBytes: Math.max(totalBytes, progress.doneBytes), bytesEstimated: !done, updatedAt: iso() });
      buffer.push(...wire);
      bufferBlobs.push(...blobs);
    }
    if (!buffer.length) return null;
    const batch = planBatches(buffer, limits)[0]!;
    buffer = buffer.slice(batch.length);
    // A photo goes with the first record that names it.
    const inBatch = new Set(batch.map((w) => w.stored));
    const blobs = bufferBlobs.filter((b) => inBatch.has(b.record));
    bufferBlobs = bufferBlobs.filter((b) => !inBatch.has(b.record));
    return { batch, blobs };
  };

  // Photos upload in a bounded window, ahead of the batches that name them and while batches
  // travel; each photo once per pass.
  const slots = window(WINDOW.uploads);
  const uploads = new Map<string, Promise<BlobUpload>>();
  const upload = (blob: BlobToSend): Promise<BlobUpload> => {
    let p = uploads.get(blob.sha256);
    if (!p) {
      p = slots(() => uploadBlob(db, client, enrollment.deviceId, enrollment.alg, key, blob, plan)).then(async (up) => {
        if (up.answer.kind === 'ok') report({ ...progress, doneBytes: progress.doneBytes + blob.bytes, updatedAt: iso() });
        return up;
      });
      p.catch(() => undefined); // awaited with its batch
      uploads.set(blob.sha256, p);
    }
    return p;
  };

  // Signing happens outside any IndexedDB transaction (an awaited WebCrypto call would end one).
  // Batches are made ready in order, up to WINDOW.batchesAhead ahead, their photos queued at once.
  let chain: Promise<Prepared | null> = Promise.resolve(null);
  const prepare = (): Promise<Prepared | null> => {
    chain = chain.then(async () => {
      const next = await nextBatch();
      if (!next) return null;
      const photos = next.blobs.map((b) => upload(b));
      return { ...next, photos, signed: await signBatch(next.batch, enrollment.keyId, enrollment.alg, key, iso()) };
    });
    chain.catch(() => undefined); // awaited below; a pass that stops early leaves it unread
    return chain;
  };
  const ready: Promise<Prepared | null>[] = [];
  const topUp = () => {
    while (ready.length < WINDOW.batchesAhead) ready.push(prepare());
  };

  let sent = 0;
  let appended = 0;
  let last: VerifiedReceipt | undefined;
  const marks = receiptMarker(db);
  type Stop = { kind: 'gap'; fromSeq: number } | { kind: 'retry'; answer: Retry } | { kind: 'refused'; error: OutboxError };
  const end = async (o: { kind: 'done' } | Stop): Promise<PassOutcome> => {
    // Photos still travelling finish (or fail) before the run lets another one start.
    await Promise.allSettled(uploads.values());
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
  try {
    topUp();
    let current = await ready.shift()!;
    ctx.onProgress?.(progress);
    await updateOutboxState(db, (s) => ({ ...s, progress }));
    while (current) {
      for (const p of current.photos) {
        const up = await p;
        if (up.answer.kind === 'retry') return end({ kind: 'retry', answer: up.answer });
        if (up.answer.kind === 'refused') {
          return end({ kind: 'refused', error: { ...refusal(up.answer, iso()), record: recordSummary(up.blob.record), missing: [up.blob.sha256] } });
        }
      }
      const { signed } = current;
      // Remembered before it leaves: if its answer is lost, the next run asks before sending it again.
      const posted = updateOutboxState(db, (s) => ({ ...s, postedThrough: { deviceId: enrollment.deviceId, seq: signed.header.toSeq } }));
      const posting = meter.track(signed.bytes, () => client.postBatch(signed.bodyText));
      topUp();
      // The previous receipt was being verified while this batch went out.
      const stop = await checking;
      if (stop) return end(stop);
      const answer = await posting;
      await posted;
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
      current = await ready.shift()!;
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

/**
 * After a run that ended without the answer to its last batch: asks the server about the record at
 * `seq` (that batch's last) with a batch of that one record, instead of sending the whole batch
 * again. The server answers `duplicate` with a receipt when it holds it (the mark moves, nothing
 * else is resent), `chain-gap` with the seq it expects when it holds less (sending resumes there,
 * the records before it being held), or appends it when it held everything before it. Any other
 * answer leaves the outbox as it was: the pass sends from the mark as always.
 */
export async function probePosted(
  ctx: PassContext,
  seq: number,
): Promise<{ kind: 'receipt'; receipt: VerifiedReceipt } | { kind: 'from'; seq: number } | { kind: 'retry'; answer: Retry } | { kind: 'none' }> {
  const { db, client, enrollment, key, iso } = ctx;
  const forget = () => updateOutboxState(db, (s) => ({ ...s, postedThrough: undefined }));
  const through = await receivedThrough(db, enrollment.deviceId);
  const row = seq > through ? await db.records.get({ deviceId: enrollment.deviceId, seq }) : undefined;
  if (!row || row.practice === 1) {
    await forget();
    return { kind: 'none' };
  }
  const signed = await signBatch([toWire(row)], enrollment.keyId, enrollment.alg, key, iso());
  const answer = await client.postBatch(signed.bodyText);
  if (answer.kind === 'retry') return { kind: 'retry', answer };
  await forget();
  if (answer.kind === 'refused') {
    const expected = answer.details.expectedSeq;
    return answer.error === 'chain-gap' && isSeq(expected) && expected > through + 1 && expected < seq ? { kind: 'from', seq: expected } : { kind: 'none' };
  }
  const check = await checkBatchAnswer(answer.body, signed.header, ctx.serverKey);
  if (!check.ok) return { kind: 'none' };
  const verifiedAt = iso();
  await applyReceipt(db, check.answer, verifiedAt);
  return {
    kind: 'receipt',
    receipt: { status: check.answer.status, appended: check.answer.appended, receipt: check.answer.receipt, serverSig: check.answer.serverSig, verifiedAt },
  };
}
