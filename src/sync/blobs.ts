import type { SigningAlg } from '../protocol/keys';
import type { PingyiDb, StoredRecord } from '../store/db';
import { signBlob } from './batch';
import type { Answer, ServerClient } from './http';

/** A photo a batch needs on the server before the batch itself (PROTOCOL: blobs first). */
export interface BlobToSend {
  sha256: string;
  bytes: number;
  /** The first record of the batch that names it, to show when the server refuses it. */
  record: StoredRecord;
}

/** The attachments of these records that the server has not yet answered for, once each. */
export async function blobsToSend(db: PingyiDb, records: StoredRecord[]): Promise<BlobToSend[]> {
  const seen = new Set<string>();
  const out: BlobToSend[] = [];
  for (const r of records) {
    for (const a of r.record.attachments ?? []) {
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      const stored = await db.blobs.get(a.sha256);
      // A photo this tablet does not hold may already be on the server (relayed from a copy);
      // if not, the server answers missing-blobs and the outbox shows it.
      if (stored && stored.uploaded === 1) continue;
      if (stored) out.push({ sha256: a.sha256, bytes: stored.bytes, record: r });
    }
  }
  return out;
}

export interface BlobUpload {
  blob: BlobToSend;
  answer: Answer;
  /** Bytes put on the wire for it in this call (0 when the server already held it). */
  sentBytes: number;
}

/** How the uploads of one run go: part size from the measured link, and whether the server takes parts. */
export interface UploadPlan {
  /** Bytes per request: a blob no larger travels whole, a larger one in parts of this size. */
  partBytes(): number;
  /** Wraps each request, with the bytes it carries (the link's meter). */
  track?<T>(bytes: number, run: () => Promise<T>): Promise<T>;
  /** Set to false once the server answers a part as a whole upload (no resumable uploads there). */
  ranges: boolean;
}

const WHOLE: UploadPlan = { partBytes: () => Infinity, ranges: false };

/**
 * Uploads one blob with the device's signature and, on 200/201, marks it uploaded. The bytes are
 * read from IndexedDB here and signing happens outside any transaction.
 *
 * A blob larger than the plan's part size goes in parts (Content-Range), each continuing where the
 * server says its bytes end, so a cut costs at most the part in flight. A blob whose upload began
 * in an earlier run (`sending`) is first asked about (`bytes *\/<total>`): held → marked uploaded
 * without sending it again; partly held → continued from there. A server that answers a part as a
 * whole upload (422 hash-mismatch) gets whole blobs from then on.
 */
export async function uploadBlob(
  db: PingyiDb,
  client: ServerClient,
  deviceId: string,
  alg: SigningAlg,
  key: CryptoKey,
  blob: BlobToSend,
  plan: UploadPlan = WHOLE,
): Promise<BlobUpload> {
  const stored = await db.blobs.get(blob.sha256);
  if (!stored)
    return {
      blob,
      sentBytes: 0,
      answer: { kind: 'refused', status: 0, error: 'missing-blobs', message: `photo ${blob.sha256} is not on this tablet`, details: {} },
    };
  const sig = await signBlob(alg, key, deviceId, blob.sha256);
  const bytes = await blobBytes(stored.data);
  const total = bytes.length;
  let sentBytes = 0;
  const put = async (body: Uint8Array, range?: string) => {
    const send = () => client.putBlob(blob.sha256, body, deviceId, sig, range);
    const answer = await (plan.track ? plan.track(body.length, send) : send());
    sentBytes += body.length;
    return answer;
  };
  const done = async (answer: Answer): Promise<BlobUpload> => {
    if (answer.kind === 'ok') await db.blobs.update(blob.sha256, { uploaded: 1, sending: 0 });
    return { blob, answer, sentBytes };
  };
  /** A 202's `received`, within the blob. */
  const heldOf = (body: unknown): number | null => {
    const r = (body as { received?: unknown } | undefined)?.received;
    return typeof r === 'number' && Number.isSafeInteger(r) && r >= 0 && r <= total ? r : null;
  };

  let offset = 0;
  if (stored.sending === 1 && plan.ranges) {
    const asked = await client.putBlob(blob.sha256, new Uint8Array(0), deviceId, sig, `bytes */${total}`);
    if (asked.kind === 'retry') return { blob, answer: asked, sentBytes };
    if (asked.kind === 'ok' && asked.status !== 202) return done(asked);
    if (asked.kind === 'ok') offset = heldOf(asked.body) ?? 0;
    else if (asked.error === 'hash-mismatch' || asked.error === 'malformed') plan.ranges = false;
    else return { blob, answer: asked, sentBytes };
  } else if (stored.sending !== 1) {
    await db.blobs.update(blob.sha256, { sending: 1 });
  }

  for (;;) {
    const part = plan.ranges ? plan.partBytes() : Infinity;
    if (!plan.ranges || (offset === 0 && total <= part)) return done(await put(bytes));
    const last = Math.min(total, offset + Math.max(1, Math.floor(part))) - 1;
    const answer = await put(bytes.subarray(offset, last + 1), `bytes ${offset}-${last}/${total}`);
    if (answer.kind === 'retry') return { blob, answer, sentBytes };
    if (answer.kind === 'refused') {
      if (answer.error === 'range-mismatch') {
        const held = heldOf(answer.details);
        if (held === null || held === offset) return { blob, answer, sentBytes };
        offset = held;
        continue;
      }
      if (answer.error === 'hash-mismatch' && offset === 0 && last < total - 1) {
        // A server without resumable uploads took the part for the whole blob.
        plan.ranges = false;
        continue;
      }
      return { blob, answer, sentBytes };
    }
    if (answer.status !== 202) return done(answer);
    const held = heldOf(answer.body);
    if (held === null || held <= offset) return { blob, sentBytes, answer: { kind: 'retry', status: 202, reason: 'the server did not take the part' } };
    offset = held;
  }
}

/** The bytes of a stored Blob (fake-indexeddb in tests may hand back a plain structured clone). */
export async function blobBytes(data: Blob | Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await (data as Blob).arrayBuffer());
}
