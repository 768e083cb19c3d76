import { batchHeader, signBlob as signBlobWith } from '../protocol/build';
import { signCanon, type SigningAlg } from '../protocol/keys';
import type { BatchHeader } from '../protocol/batch';
import type { StoredRecord } from '../store/db';

/** The protocol's bound on records per batch. */
export const MAX_BATCH_RECORDS = 500;

/**
 * What the tablet puts in one batch before the link is measured (src/sync/send.ts batchLimits then
 * sizes batches by it, up to MAX_BATCH_RECORDS): PROTOCOL allows 500 records and 8 MiB.
 */
export const BATCH_LIMITS = {
  records: 200,
  /** Room for the header and JSON punctuation is left below the server's 8 MiB. */
  bodyBytes: 4 * 1024 * 1024,
} as const;

const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/** UTF-8 length of a string, encoded natively into a reused buffer (no allocation per call). */
export function utf8Length(s: string): number {
  // A UTF-16 code unit never needs more than 3 bytes of UTF-8.
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  return encoder.encodeInto(s, scratch).written;
}

/** A record ready for the wire: its JSON text (made once) and its size. */
export interface WireRecord {
  stored: StoredRecord;
  json: string;
  bytes: number;
}

export function toWire(stored: StoredRecord): WireRecord {
  const json = JSON.stringify(stored.record);
  return { stored, json, bytes: utf8Length(json) };
}

/**
 * Splits consecutive records into batches of at most `records` records and about `bodyBytes`
 * bytes. A single record larger than the byte bound still travels alone (the server's 8 MiB is
 * the hard limit; such a record is refused there with `too-large` and shown).
 */
export function planBatches(wire: WireRecord[], limits: { records: number; bodyBytes: number } = BATCH_LIMITS): WireRecord[][] {
  const out: WireRecord[][] = [];
  let cur: WireRecord[] = [];
  let bytes = 0;
  for (const w of wire) {
    if (cur.length > 0 && (cur.length >= limits.records || bytes + w.bytes + 1 > limits.bodyBytes - 1024)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(w);
    bytes += w.bytes + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** A signed batch, with its body text as sent (the records' JSON reused, not re-serialised). */
export interface SignedBatch {
  header: BatchHeader;
  sig: string;
  bodyText: string;
  bytes: number;
  records: StoredRecord[];
}

/** Signs canon(header) with the device key. Call it outside any IndexedDB transaction. */
export async function signBatch(wire: WireRecord[], keyId: string, alg: SigningAlg, key: CryptoKey, sentAt: string): Promise<SignedBatch> {
  const records = wire.map((w) => w.stored);
  const last = records[records.length - 1]!;
  const header = await batchHeader(
    records.map((r) => r.record),
    last.deviceId,
    keyId,
    sentAt,
  );
  // headHash is recomputed from the record itself: a stored row whose hash no longer matches its
  // record (storage damage) must not be signed over.
  if (header.headHash !== last.hash) throw new Error(`record ${last.seq} no longer matches its hash`);
  const sig = await signCanon(alg, key, header);
  const bodyText = `{"header":${JSON.stringify(header)},"records":[${wire.map((w) => w.json).join(',')}],"sig":${JSON.stringify(sig)}}`;
  return { header, sig, bodyText, bytes: utf8Length(bodyText), records };
}

/** The signature a blob upload carries in X-Pingyi-Sig. */
export function signBlob(alg: SigningAlg, key: CryptoKey, deviceId: string, sha256: string): Promise<string> {
  return signBlobWith({ alg, privateKey: key, deviceId, keyId: '' }, sha256);
}
