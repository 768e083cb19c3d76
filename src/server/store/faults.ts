import { statfsSync } from 'node:fs';

/**
 * Store errors that are not the request's fault, and the store's health as the log tells it.
 *
 * - `storage-full`: the disk under the database is full (SQLite SQLITE_FULL, PostgreSQL 53100
 *   disk_full, ENOSPC). Batches are answered 507 and stored once space returns; nothing partial
 *   was stored (the transaction did not commit).
 * - `unavailable`: the database cannot be reached or ended the connection (PostgreSQL restarting,
 *   failing over, an administrator's pg_terminate_backend; SQLite busy beyond its timeout).
 *   Answered 503 with Retry-After; the pool opens new connections by itself.
 */
export type StoreFault = 'storage-full' | 'unavailable';

const FULL_CODES = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);
/** PostgreSQL: admin/crash shutdown, cannot connect now, too many connections; class 08 below. */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'SQLITE_BUSY',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What pg says, without a code, about a connection that died or could not be had. */
const LOST_CONNECTION = /connection terminated|not queryable|timeout exceeded when trying to connect|connection error|terminating connection/i;

/** The fault an error stands for, looking through `cause` chains; undefined for anything else. */
export function storeFault(e: unknown): StoreFault | undefined {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = String((cur as { code?: unknown }).code ?? '');
    if (FULL_CODES.has(code)) return 'storage-full';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_BUSY') || /^08...$/.test(code)) return 'unavailable';
    const message = (cur as { message?: unknown }).message;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return 'unavailable';
  }
  return undefined;
}

/** `code message` of an error in one line (no stack). */
export function errorLine(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  return `${code ? `${String(code)} ` : ''}${message}`.replace(/\s+/g, ' ').trim();
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Free and total bytes of the filesystem holding `path` (space an unprivileged process may use). */
export function diskSpace(path: string): DiskSpace {
  const s = statfsSync(path);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

const MiB = 1024 * 1024;
const fmtBytes = (n: number) => (n >= 1024 * MiB ? `${(n / 1024 / MiB).toFixed(1)} GiB` : `${(n / MiB).toFixed(1)} MiB`);

export interface StoreHealth {
  /** A store call failed with `e`: logs a line when the store's state changes. */
  failed(e: unknown): void;
  /** A store call succeeded: logs a line when the store was in a fault before. */
  ok(): void;
  /** The current fault, if any. */
  readonly fault: StoreFault | undefined;
}

export interface HealthOptions {
  /** Where the data lives, named in the log: the SQLite file, or the PostgreSQL database. */
  where: string;
  /** A directory on the filesystem of the data (SQLite); its free space is logged. */
  dir?: string;
  log?: (line: string) => void;
}

/** Tracks the store's faults and logs each change of state once, with the path and free space. */
export function storeHealth(o: HealthOptions): StoreHealth {
  const log = o.log ?? ((line: string) => console.warn(line));
  let fault: StoreFault | undefined;
  const space = () => {
    if (!o.dir) return '';
    try {
      const s = diskSpace(o.dir);
      return `, ${fmtBytes(s.freeBytes)} free of ${fmtBytes(s.totalBytes)}`;
    } catch {
      return '';
    }
  };
  return {
    get fault() {
      return fault;
    },
    failed(e) {
      const next = storeFault(e);
      if (!next || next === fault) return;
      fault = next;
      if (next === 'storage-full') {
        log(`Storage full at ${o.where}${space()} (${errorLine(e)}): batches are answered 507 storage-full until space is freed; nothing partial is stored.`);
      } else {
        log(`Database unavailable at ${o.where} (${errorLine(e)}): requests are answered 503 unavailable until it answers again.`);
      }
    },
    ok() {
      if (!fault) return;
      const was = fault;
      fault = undefined;
      log(
        `${was === 'storage-full' ? 'Storage has room again' : 'Database available again'} at ${o.where}${was === 'storage-full' ? space() : ''}: batches are stored again.`,
      );
    },
  };
}
