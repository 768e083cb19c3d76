import Dexie from 'dexie';
import type { Attachment } from '../domain/records';
import type { PhotoCodec } from '../platform/camera';
import { sha256Hex } from '../protocol/canon';
import type { PingyiDb, StoredBlob } from './db';
import { hasMetadata, stripJpegMetadata } from './jpeg';

/**
 * Photo evidence of inspections: shrunk, re-encoded as JPEG without metadata, stored by the sha256
 * of the stored bytes, and listed in the record's `attachments`. Photos of covert visits are
 * encrypted at seal time (sealed blobs), and their plaintext copies are then removed.
 */

export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_QUALITY = 0.82;
export const JPEG = 'image/jpeg';

/** Size that fits within maxEdge on the longest side, keeping the aspect ratio; never enlarges. */
export function fitWithin(width: number, height: number, maxEdge = PHOTO_MAX_EDGE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new RangeError('image has no size');
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * A picked photo as the bytes to store: decoded upright, shrunk to PHOTO_MAX_EDGE, re-encoded as
 * JPEG, then stripped of metadata segments at byte level; refuses to return bytes that still hold any.
 */
export async function preparePhoto(file: Blob, codec: PhotoCodec, maxEdge = PHOTO_MAX_EDGE): Promise<Uint8Array> {
  const image = await codec.decode(file);
  try {
    const size = fitWithin(image.width, image.height, maxEdge);
    const jpeg = await codec.encodeJpeg(image, size.width, size.height, PHOTO_QUALITY);
    const clean = stripJpegMetadata(await blobBytes(jpeg));
    if (hasMetadata(clean)) throw new Error('photo still holds metadata after stripping');
    return clean;
  } finally {
    image.close();
  }
}

export interface StoredPhoto {
  sha256: string;
  bytes: number;
}

/** Stores photo bytes (plaintext, not sealed) under the sha256 of those bytes. */
export async function storePhoto(db: PingyiDb, bytes: Uint8Array): Promise<StoredPhoto> {
  const sha256 = await sha256Hex(bytes);
  const row: StoredBlob = { sha256, mime: JPEG, bytes: bytes.length, sealed: false, data: new Blob([bytes as BlobPart], { type: JPEG }), uploaded: 0 };
  await db.transaction('rw', db.blobs, async () => {
    // Same bytes, same key: a photo picked twice is stored once.
    if (!(await db.blobs.get(sha256))) await db.blobs.add(row);
  });
  return { sha256, bytes: bytes.length };
}

export async function loadPhoto(db: PingyiDb, sha256: string): Promise<StoredBlob | undefined> {
  return db.blobs.get(sha256);
}

/** Encrypts a photo's bytes to the campaign key for one record (HPKE, provided by the sync module). */
export type EncryptBlob = (recordId: string, bytes: Uint8Array) => Promise<Uint8Array>;

export interface SealedPhotos {
  attachments: Attachment[];
  /** Plaintext blobs replaced by ciphertext: remove them once the record is sealed. */
  plaintext: string[];
}

/**
 * The attachments of a record about to be sealed. With `seal`, each photo is encrypted and the
 * ciphertext stored as its own blob (sha256 of the ciphertext, which is what is uploaded); the
 * plaintext is reported for removal after the seal. Blobs are written before the record that names
 * them, so a stored record never names a missing blob.
 */
export async function attachmentsFor(db: PingyiDb, shas: string[], opts: { recordId: string; seal?: EncryptBlob }): Promise<SealedPhotos> {
  const out: SealedPhotos = { attachments: [], plaintext: [] };
  for (const sha of shas) {
    const blob = await db.blobs.get(sha);
    if (!blob) throw new Error(`photo ${sha.slice(0, 12)} is missing from this device`);
    if (!opts.seal || blob.sealed) {
      out.attachments.push({ sha256: blob.sha256, bytes: blob.bytes, mime: blob.mime, sealed: blob.sealed });
      continue;
    }
    const ct = await opts.seal(opts.recordId, await blobBytes(blob.data));
    const ctSha = await sha256Hex(ct);
    await db.blobs.put({ sha256: ctSha, mime: blob.mime, bytes: ct.length, sealed: true, data: new Blob([ct as BlobPart]), uploaded: 0 });
    out.attachments.push({ sha256: ctSha, bytes: ct.length, mime: blob.mime, sealed: true });
    out.plaintext.push(sha);
  }
  return out;
}

/** Record types whose forms take photos: only their records are read when looking for references. */
const PHOTO_TYPES = ['visit'] as const;

/** Sha256s of blobs that some draft or stored record still names. */
async function referencedBlobs(db: PingyiDb): Promise<Set<string>> {
  const used = new Set<string>();
  await db.drafts.each((d) => d.attachments?.forEach((s) => used.add(s)));
  for (const type of PHOTO_TYPES) {
    await db.records
      .where('[type+sealedAt]')
      .between([type, Dexie.minKey], [type, Dexie.maxKey])
      .each((r) => r.record.attachments?.forEach((a) => used.add(a.sha256)));
  }
  return used;
}

/**
 * Removes the given plaintext photos unless a draft or a stored record still names them (a photo
 * taken twice, or kept by an undone discard). Sealed (encrypted) blobs are never removed here: they
 * are written just before the record that names them, and removing one in between would lose evidence.
 */
export async function removePhotosIfUnused(db: PingyiDb, shas: string[]): Promise<string[]> {
  if (!shas.length) return [];
  return db.transaction('rw', db.blobs, db.drafts, db.records, async () => {
    const used = await referencedBlobs(db);
    const rows = await db.blobs.bulkGet(shas.filter((s) => !used.has(s)));
    const gone = rows.filter((r): r is StoredBlob => !!r && !r.sealed).map((r) => r.sha256);
    await db.blobs.bulkDelete(gone);
    return gone;
  });
}

/** Removes every plaintext photo that no draft and no record names (left by discarded drafts). */
export async function pruneOrphanPhotos(db: PingyiDb): Promise<string[]> {
  return db.transaction('rw', db.blobs, db.drafts, db.records, async () => {
    const used = await referencedBlobs(db);
    const orphans: string[] = [];
    await db.blobs.each((b) => {
      if (!b.sealed && !used.has(b.sha256)) orphans.push(b.sha256);
    });
    await db.blobs.bulkDelete(orphans);
    return orphans;
  });
}
