import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * A streaming ZIP writer (PKWARE APPNOTE 6.3): entries are written one after the other as their
 * bytes come, never held whole. Every entry uses a data descriptor (sizes and CRC after the data)
 * and ZIP64 sizes and offsets, so an archive may exceed 4 GiB; names are UTF-8 (flag bit 11).
 * Text entries are deflated, blobs stored as they are (photos and ciphertext do not compress).
 * Each entry's SHA-256 is computed on the way, for the manifest.
 */
export interface ZipEntryInfo {
  path: string;
  bytes: number;
  sha256: string;
}

const DEFLATE = 8;
const STORE = 0;
const FLAGS = (1 << 3) | (1 << 11);
const MAX32 = 0xffffffff;

interface Written extends ZipEntryInfo {
  method: number;
  crc: number;
  compressed: number;
  offset: number;
  time: number;
  date: number;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly stamp: { time: number; date: number };

  /** `out` is the reply stream; `at` the archive's time (every entry carries it, as UTC). */
  constructor(
    private readonly out: Writable,
    at: Date,
  ) {
    this.stamp = dosTime(at);
  }

  /** Writes, waiting while the reader is behind (backpressure), and fails once the reader is gone. */
  private async write(b: Uint8Array): Promise<void> {
    if (this.out.destroyed) throw new Error('the archive download was abandoned');
    this.offset += b.length;
    if (!this.out.write(b)) {
      await new Promise<void>((resolve, reject) => {
        const done = () => (this.out.off('drain', done), this.out.off('close', gone), resolve());
        const gone = () => (this.out.off('drain', done), this.out.off('close', gone), reject(new Error('the archive download was abandoned')));
        this.out.on('drain', done);
        this.out.on('close', gone);
      });
    }
  }

  /** One entry from chunks (strings are UTF-8); `deflate` for text. */
  async add(path: string, chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, deflate: boolean): Promise<ZipEntryInfo> {
    const name = Buffer.from(path, 'utf8');
    const e: Written = { path, bytes: 0, sha256: '', method: deflate ? DEFLATE : STORE, crc: 0, compressed: 0, offset: this.offset, ...this.stamp };
    const local = Buffer.alloc(30 + name.length + 20);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4); // version needed: ZIP64
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    // crc and sizes follow in the data descriptor; ZIP64 marks the 32-bit sizes
    local.writeUInt32LE(MAX32, 18);
    local.writeUInt32LE(MAX32, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(20, 28);
    name.copy(local, 30);
    local.writeUInt16LE(0x0001, 30 + name.length); // ZIP64 extra: both sizes 0 here
    local.writeUInt16LE(16, 32 + name.length);
    await this.write(local);

    const sha = createHash('sha256');
    let crc = 0;
    const start = this.offset;
    const deflater = deflate ? createDeflateRaw({ level: 6 }) : null;
    const pending: Buffer[] = [];
    deflater?.on('data', (b: Buffer) => pending.push(b));
    const flush = async () => {
      while (pending.length) await this.write(pending.shift()!);
    };
    for await (const c of chunks) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      sha.update(b);
      crc = crc32(b, crc);
      e.bytes += b.length;
      if (deflater) {
        await new Promise<void>((resolve, reject) => deflater.write(b, (err) => (err ? reject(err) : resolve())));
        await flush();
      } else await this.write(b);
    }
    if (deflater) {
      const ended = once(deflater, 'end');
      deflater.end();
      await ended;
      await flush();
    }
    e.compressed = this.offset - start;
    e.crc = crc >>> 0;
    e.sha256 = sha.digest('hex');
    const dd = Buffer.alloc(24);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(e.crc, 4);
    dd.writeBigUInt64LE(BigInt(e.compressed), 8);
    dd.writeBigUInt64LE(BigInt(e.bytes), 16);
    await this.write(dd);
    this.entries.push(e);
    return { path: e.path, bytes: e.bytes, sha256: e.sha256 };
  }

  /** The central directory and the ZIP64 end records; then ends the stream. */
  async finish(): Promise<void> {
    const cdStart = this.offset;
    for (const e of this.entries) {
      const name = Buffer.from(e.path, 'utf8');
      const h = Buffer.alloc(46 + name.length + 28);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, 4.5
      h.writeUInt16LE(45, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(e.time, 12);
      h.writeUInt16LE(e.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(MAX32, 20);
      h.writeUInt32LE(MAX32, 24);
      h.writeUInt16LE(name.length, 28);
      h.writeUInt16LE(28, 30);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      h.writeUInt32LE(MAX32, 42);
      name.copy(h, 46);
      const x = 46 + name.length;
      h.writeUInt16LE(0x0001, x);
      h.writeUInt16LE(24, x + 2);
      h.writeBigUInt64LE(BigInt(e.bytes), x + 4);
      h.writeBigUInt64LE(BigInt(e.compressed), x + 12);
      h.writeBigUInt64LE(BigInt(e.offset), x + 20);
      await this.write(h);
    }
    const cdSize = this.offset - cdStart;
    const eocd64At = this.offset;
    const end = Buffer.alloc(56 + 20 + 22);
    end.writeUInt32LE(0x06064b50, 0);
    end.writeBigUInt64LE(44n, 4);
    end.writeUInt16LE((3 << 8) | 45, 12);
    end.writeUInt16LE(45, 14);
    end.writeBigUInt64LE(BigInt(this.entries.length), 24);
    end.writeBigUInt64LE(BigInt(this.entries.length), 32);
    end.writeBigUInt64LE(BigInt(cdSize), 40);
    end.writeBigUInt64LE(BigInt(cdStart), 48);
    end.writeUInt32LE(0x07064b50, 56);
    end.writeBigUInt64LE(BigInt(eocd64At), 64);
    end.writeUInt32LE(1, 72);
    end.writeUInt32LE(0x06054b50, 76);
    end.writeUInt16LE(0xffff, 84);
    end.writeUInt16LE(0xffff, 86);
    end.writeUInt32LE(MAX32, 88);
    end.writeUInt32LE(MAX32, 92);
    await this.write(end);
    this.out.end();
  }
}
