import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from './store/open';

/** Everything the server reads from its environment, resolved once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  /** From PINGYI_ADMIN_TOKEN; when absent the token kept in the data dir is used (made at first start). */
  adminToken: string | null;
  /** The built app (dist/), or null when it has not been built. */
  staticDir: string | null;
  rateLimit: { enrollPerMinute: number; adminPerMinute: number };
  /**
   * Behind a reverse proxy: the proxies whose X-Forwarded-For is believed (addresses or CIDR
   * ranges), or how many hops of it are; false: the client address is the connection's.
   */
  trustProxy: false | number | string[];
  /** Bytes of blobs a device may hold that no stored record names yet. */
  blobQuotaBytes: number;
  /** Seconds a client may take to send a whole request. */
  requestTimeoutS: number;
  logLevel: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

function intFrom(value: string | undefined, fallback: number, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

/** The shortest admin token the server accepts: a guessable one hands over the office. */
export const MIN_ADMIN_TOKEN = 32;

/**
 * PINGYI_TRUST_PROXY: a hop count (`1`: one proxy in front, the right-most X-Forwarded-For entry is
 * the client), or a comma list of proxy addresses and CIDR ranges. Trusting any sender is refused.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = value?.trim();
  if (!v || v === '0') return false;
  if (/^\d+$/.test(v)) return intFrom(v, 0, 'PINGYI_TRUST_PROXY', 1, 16);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const item of list) {
    const [addr, bits, extra] = item.split('/');
    const family = isIP(addr ?? '');
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || extra !== undefined) {
      throw new Error(`PINGYI_TRUST_PROXY must be a hop count or a comma list of proxy addresses or CIDR ranges (e.g. 10.0.0.5,192.168.1.0/24), got "${item}"`);
    }
  }
  return list;
}

/**
 * Reads the configuration: PORT (8787), HOST (127.0.0.1: only this machine; set 0.0.0.0 to serve
 * tablets on the network), PINGYI_DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL,
 * else SQLite `pingyi.sqlite` in the data dir), PINGYI_ADMIN_TOKEN, PINGYI_STATIC_DIR (dist/),
 * PINGYI_RATE_ENROLL / PINGYI_RATE_ADMIN (requests per minute per address), PINGYI_TRUST_PROXY (hop count
 * or proxy addresses), PINGYI_BLOB_QUOTA_BYTES (2 GiB), PINGYI_REQUEST_TIMEOUT (60 s),
 * PINGYI_LOG_LEVEL (info). An admin token shorter than 32 characters is refused.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const dataDir = resolve(env.PINGYI_DATA_DIR || './data');
  const url = env.DATABASE_URL?.trim();
  const database: DatabaseTarget =
    url && /^postgres(ql)?:\/\//.test(url) ? { kind: 'postgres', url } : { kind: 'sqlite', file: join(dataDir, 'pingyi.sqlite') };
  if (url && database.kind === 'sqlite') throw new Error('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  const staticDir = resolve(env.PINGYI_STATIC_DIR || DEFAULT_DIST);
  const adminToken = env.PINGYI_ADMIN_TOKEN || null;
  if (adminToken !== null && (adminToken.length < MIN_ADMIN_TOKEN || /\s/.test(adminToken))) {
    throw new Error(
      `PINGYI_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN} characters without spaces (it has ${adminToken.length}); ` +
        'unset it to have one generated, or make one with: openssl rand -base64 32',
    );
  }
  return {
    port: intFrom(env.PORT, 8787, 'PORT', 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir,
    database,
    adminToken,
    staticDir: existsSync(join(staticDir, 'index.html')) ? staticDir : null,
    rateLimit: {
      enrollPerMinute: intFrom(env.PINGYI_RATE_ENROLL, 30, 'PINGYI_RATE_ENROLL', 1),
      adminPerMinute: intFrom(env.PINGYI_RATE_ADMIN, 600, 'PINGYI_RATE_ADMIN', 1),
    },
    trustProxy: parseTrustProxy(env.PINGYI_TRUST_PROXY),
    blobQuotaBytes: intFrom(env.PINGYI_BLOB_QUOTA_BYTES, 2 * 1024 ** 3, 'PINGYI_BLOB_QUOTA_BYTES', 0),
    requestTimeoutS: intFrom(env.PINGYI_REQUEST_TIMEOUT, 60, 'PINGYI_REQUEST_TIMEOUT', 5, 3600),
    logLevel: env.PINGYI_LOG_LEVEL || 'info',
  };
}
