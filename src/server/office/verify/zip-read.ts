import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Reads a ZIP archive's entries from its central directory (ZIP64 included) and streams any one of
 * them, inflated when deflated, without reading the rest: what `npm run verify` needs of an
 * evidence archive (office/zip-write.ts writes them; any standard tool may have repacked one).
 */
export interface ZipEntry {
  path: string;
  method: number;
  compressed: number;
  bytes: number;
  localOffset: number;
}

export class ZipReader {
  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      return new ZipReader(path, fh, await centralDirectory(fh));
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** The entry's bytes as a stream (inflated); throws for an unknown method. */
  async stream(e: ZipEntry): Promise<Readable> {
    const head = await readAt(this.fh, e.localOffset, 30);
    if (head.readUInt32LE(0) !== 0x04034b50) throw new Error(`${e.path}: no local header where the directory says`);
    const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    // Its own descriptor per entry: an empty entry reads nothing (end before start).
    const raw = e.compressed === 0 ? Readable.from([]) : createReadStream(this.path, { start, end: start + e.compressed - 1, highWaterMark: 1024 * 1024 });
    if (e.method === 0) return raw;
    if (e.method === 8) return raw.pipe(createInflateRaw());
    throw new Error(`${e.path}: compression method ${e.method} is not supported`);
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const b = Buffer.alloc(length);
  const { bytesRead } = await fh.read(b, 0, length, position);
  if (bytesRead !== length) throw new Error('the archive ends early');
  return b;
}

async function centralDirectory(fh: FileHandle): Promise<Map<string, ZipEntry>> {
  const size = (await fh.stat()).size;
  const tailLen = Math.min(size, 22 + 65535 + 20);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error('not a ZIP archive (no end of central directory)');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdStart = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === 0x07064b50) {
    const z = await readAt(fh, Number(tail.readBigUInt64LE(at - 12)), 56);
    if (z.readUInt32LE(0) !== 0x06064b50) throw new Error('the ZIP64 end record is missing');
    count = Number(z.readBigUInt64LE(32));
    cdSize = Number(z.readBigUInt64LE(40));
    cdStart = Number(z.readBigUInt64LE(48));
  }
  const cd = await readAt(fh, cdStart, cdSize);
  const out = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('the central directory is damaged');
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const e: ZipEntry = {
      path: cd.toString('utf8', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      compressed: cd.readUInt32LE(p + 20),
      bytes: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    // ZIP64 extra: the fields that are 0xFFFFFFFF above, in this order.
    for (let x = p + 46 + nameLen; x < p + 46 + nameLen + extraLen;) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (e.bytes === 0xffffffff) {
          e.bytes = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (e.compressed === 0xffffffff) {
          e.compressed = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (e.localOffset === 0xffffffff) e.localOffset = Number(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    if (out.has(e.path)) throw new Error(`the archive names ${e.path} twice`);
    out.set(e.path, e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
