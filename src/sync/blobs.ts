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
}

/**
 * Uploads one blob with the device's signature and, on 200/201, marks it uploaded. The bytes are
 * read from IndexedDB here and signing happens outside any transaction.
 */
export async function uploadBlob(db: PingyiDb, client: ServerClient, deviceId: string, alg: SigningAlg, key: CryptoKey, blob: BlobToSend): Promise<BlobUpload> {
  const stored = await db.blobs.get(blob.sha256);
  if (!stored)
    return { blob, answer: { kind: 'refused', status: 0, error: 'missing-blobs', message: `photo ${blob.sha256} is not on this tablet`, details: {} } };
  const sig = await signBlob(alg, key, deviceId, blob.sha256);
  const bytes = await blobBytes(stored.data);
  const answer = await client.putBlob(blob.sha256, bytes, deviceId, sig);
  if (answer.kind === 'ok') await db.blobs.update(blob.sha256, { uploaded: 1 });
  return { blob, answer };
}

/** The bytes of a stored Blob (fake-indexeddb in tests may hand back a plain structured clone). */
export async function blobBytes(data: Blob | Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await (data as Blob).arrayBuffer());
}
