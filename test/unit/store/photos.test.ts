// @vitest-environment node
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../../src/domain/ids';
import type { DecodedImage, PhotoCodec } from '../../../src/platform/camera';
import { sha256Hex } from '../../../src/protocol/canon';
import { openDb, type PingyiDb } from '../../../src/store/db';
import { hasExif, hasMetadata, jpegSegments, JpegFormatError, stripJpegMetadata } from '../../../src/store/jpeg';
import { attachmentsFor, fitWithin, preparePhoto, pruneOrphanPhotos, removePhotosIfUnused, storePhoto } from '../../../src/store/photos';
import { chromiumJpeg, jpegWithExif } from '../forms/fixtures/chromium-jpeg';

// jsdom's Blob can neither be read as bytes nor stored by fake-indexeddb; Node's can.
beforeEach(() => vi.stubGlobal('Blob', NodeBlob));
let db: PingyiDb;
afterEach(async () => {
  vi.unstubAllGlobals();
  if (db) {
    db.close();
    await db.delete();
  }
});

const contains = (hay: Uint8Array, needle: string) => Buffer.from(hay).includes(Buffer.from(needle, 'latin1'));

describe('JPEG metadata stripping', () => {
  it('finds the Exif block, the comment and the trailer in a real JPEG, and removes all of them', () => {
    const dirty = jpegWithExif();
    expect(hasExif(dirty)).toBe(true);
    expect(contains(dirty, 'SecretCam')).toBe(true);
    const clean = stripJpegMetadata(dirty);
    expect(hasExif(clean)).toBe(false);
    expect(hasMetadata(clean)).toBe(false);
    for (const leak of ['Exif', 'SecretCam', 'inspector', 'TRAILING-GPS', 'ICC_PROFILE']) expect(contains(clean, leak)).toBe(false);
    // The picture itself is untouched: same markers, in order, and the same scan bytes.
    expect(jpegSegments(clean).map((s) => s.marker)).toEqual([0xd8, 0xe0, 0xdb, 0xdb, 0xc0, 0xc4, 0xc4, 0xc4, 0xc4, 0xda, 0xd9]);
    const scan = (b: Uint8Array) => {
      const s = jpegSegments(b).find((x) => x.marker === 0xda)!;
      return Buffer.from(b.subarray(s.offset, s.offset + s.length)).toString('hex');
    };
    expect(scan(clean)).toBe(scan(dirty));
    expect(clean[clean.length - 2]).toBe(0xff);
    expect(clean[clean.length - 1]).toBe(0xd9);
  });

  it('leaves a JPEG without metadata byte for byte the same (but for the ICC profile Chromium adds)', () => {
    const once = stripJpegMetadata(chromiumJpeg());
    expect(Buffer.from(stripJpegMetadata(once)).equals(Buffer.from(once))).toBe(true);
  });

  it('keeps stuffed 0xff00 bytes and restart markers inside the scan', () => {
    const base = stripJpegMetadata(chromiumJpeg());
    const sos = jpegSegments(base).find((s) => s.marker === 0xda)!;
    const headerEnd = sos.offset + 2 + ((base[sos.offset + 2]! << 8) | base[sos.offset + 3]!);
    const forged = Uint8Array.from([...base.subarray(0, headerEnd), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, 0xff, 0xd9]);
    const segs = jpegSegments(forged);
    expect(segs.at(-2)!.marker).toBe(0xda);
    expect(segs.at(-2)!.length).toBe(forged.length - 2 - sos.offset);
    expect(stripJpegMetadata(forged)).toEqual(forged);
  });

  it('refuses what is not a JPEG', () => {
    expect(() => stripJpegMetadata(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toThrow(JpegFormatError);
    const cut = chromiumJpeg().subarray(0, 200);
    expect(() => stripJpegMetadata(cut)).toThrow(JpegFormatError);
  });
});

describe('shrinking', () => {
  it('fits the longest edge within 1600 px and keeps the aspect ratio', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4032, 1816)).toEqual({ width: 1600, height: 721 });
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 }); // never enlarged
    expect(fitWithin(20000, 5)).toEqual({ width: 1600, height: 1 });
    expect(() => fitWithin(0, 10)).toThrow(RangeError);
  });
});

/** A codec whose encoder returns a JPEG that still carries Exif: the stripper must catch it. */
function leakyCodec(size: { width: number; height: number }) {
  const calls: { width: number; height: number; quality: number }[] = [];
  let closed = 0;
  const codec: PhotoCodec = {
    async decode(): Promise<DecodedImage> {
      return { ...size, source: null, close: () => closed++ };
    },
    async encodeJpeg(_img, width, height, quality) {
      calls.push({ width, height, quality });
      return new Blob([jpegWithExif() as BlobPart], { type: 'image/jpeg' });
    },
  };
  return { codec, calls, closed: () => closed };
}

describe('preparePhoto and storage', () => {
  it('encodes at the shrunk size and returns bytes without metadata', async () => {
    const { codec, calls, closed } = leakyCodec({ width: 4032, height: 3024 });
    const out = await preparePhoto(new Blob([new Uint8Array(10) as BlobPart]), codec);
    expect(calls).toEqual([{ width: 1600, height: 1200, quality: expect.any(Number) }]);
    expect(hasExif(out)).toBe(false);
    expect(hasMetadata(out)).toBe(false);
    expect(closed()).toBe(1);
  });

  it('stores the photo under the sha256 of the stored bytes, once', async () => {
    db = openDb('photos-' + uuidv7());
    const bytes = stripJpegMetadata(jpegWithExif());
    const a = await storePhoto(db, bytes);
    const b = await storePhoto(db, bytes);
    expect(a).toEqual(b);
    expect(a.sha256).toBe(await sha256Hex(bytes));
    const row = (await db.blobs.get(a.sha256))!;
    expect(row).toMatchObject({ mime: 'image/jpeg', bytes: bytes.length, sealed: false, uploaded: 0 });
    expect(new Uint8Array(await row.data.arrayBuffer())).toEqual(bytes);
    expect(await db.blobs.count()).toBe(1);
  });

  it('seals photos: ciphertext stored under its own sha256, plaintext listed for removal', async () => {
    db = openDb('photos-' + uuidv7());
    const p = await storePhoto(db, stripJpegMetadata(chromiumJpeg()));
    const seen: string[] = [];
    const seal = async (recordId: string, bytes: Uint8Array) => {
      seen.push(recordId);
      return Uint8Array.from([9, 9, ...bytes.map((x) => x ^ 0x5a)]);
    };
    const out = await attachmentsFor(db, [p.sha256], { recordId: 'r1', seal });
    expect(seen).toEqual(['r1']);
    const ct = out.attachments[0]!;
    expect(ct.sealed).toBe(true);
    expect(ct.bytes).toBe(p.bytes + 2);
    expect(ct.mime).toBe('image/jpeg');
    const row = (await db.blobs.get(ct.sha256))!;
    expect(ct.sha256).toBe(await sha256Hex(new Uint8Array(await row.data.arrayBuffer())));
    expect(out.plaintext).toEqual([p.sha256]);

    const plain = await attachmentsFor(db, [p.sha256], { recordId: 'r2' });
    expect(plain.attachments).toEqual([{ sha256: p.sha256, bytes: p.bytes, mime: 'image/jpeg', sealed: false }]);
    await expect(attachmentsFor(db, ['f'.repeat(64)], { recordId: 'r3' })).rejects.toThrow(/missing/);
  });

  it('removes only photos that no draft or record names', async () => {
    db = openDb('photos-' + uuidv7());
    const kept = await storePhoto(db, stripJpegMetadata(chromiumJpeg()));
    const lone = await storePhoto(db, stripJpegMetadata(jpegWithExif()).subarray(0)); // same picture bytes → same sha
    expect(lone.sha256).toBe(kept.sha256);
    const other = await storePhoto(db, Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]));
    await db.drafts.put({ id: 'd1', campaignId: 'demo', deviceId: 'x', type: 'visit', body: {}, attachments: [kept.sha256], createdAt: '', updatedAt: 1 });
    expect(await removePhotosIfUnused(db, [kept.sha256, other.sha256])).toEqual([other.sha256]);
    await db.drafts.delete('d1');
    expect(await pruneOrphanPhotos(db)).toEqual([kept.sha256]);
    expect(await db.blobs.count()).toBe(0);
  });

  it('never prunes a photo a sealed record names, nor a sealed (encrypted) blob', async () => {
    db = openDb('photos-' + uuidv7());
    const named = await storePhoto(db, stripJpegMetadata(chromiumJpeg()));
    const ct = Uint8Array.from([7, 7, 7, 7]);
    const ctSha = await sha256Hex(ct);
    await db.blobs.put({ sha256: ctSha, mime: 'image/jpeg', bytes: 4, sealed: true, data: new Blob([ct as BlobPart]), uploaded: 0 });
    const record = {
      v: 1,
      type: 'visit',
      id: uuidv7(),
      campaignId: 'demo',
      deviceId: 'd',
      seq: 1,
      prev: '0'.repeat(64),
      collector: 'c',
      createdAt: '2026-07-01T00:00:00.000Z',
      sealedAt: '2026-07-01T00:00:00.000Z',
      body: {},
      attachments: [{ sha256: named.sha256, bytes: named.bytes, mime: 'image/jpeg', sealed: false }],
    } as const;
    await db.records.put({
      hash: 'a'.repeat(64),
      deviceId: 'd',
      seq: 1,
      campaignId: 'demo',
      type: 'visit',
      unitIds: [],
      day: '2026-07-01',
      sealedAt: record.sealedAt,
      practice: 1,
      record: record as never,
    });
    expect(await pruneOrphanPhotos(db)).toEqual([]);
    expect(await removePhotosIfUnused(db, [named.sha256, ctSha])).toEqual([]);
    expect(await db.blobs.count()).toBe(2);
  });
});
