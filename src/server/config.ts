import { existsSync } from 'node:fs';
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
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits). */
  trustProxy: boolean;
  logLevel: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

function intFrom(value: string | undefined, fallback: number, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

/**
 * Reads the configuration: PORT (8787), HOST (127.0.0.1: only this machine; set 0.0.0.0 to serve
 * tablets on the network), PINGYI_DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL,
 * else SQLite `pingyi.sqlite` in the data dir), PINGYI_ADMIN_TOKEN, PINGYI_STATIC_DIR (dist/),
 * PINGYI_RATE_ENROLL / PINGYI_RATE_ADMIN (requests per minute per address), PINGYI_TRUST_PROXY=1,
 * PINGYI_LOG_LEVEL (info).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const dataDir = resolve(env.PINGYI_DATA_DIR || './data');
  const url = env.DATABASE_URL?.trim();
  const database: DatabaseTarget =
    url && /^postgres(ql)?:\/\//.test(url) ? { kind: 'postgres', url } : { kind: 'sqlite', file: join(dataDir, 'pingyi.sqlite') };
  if (url && database.kind === 'sqlite') throw new Error('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  const staticDir = resolve(env.PINGYI_STATIC_DIR || DEFAULT_DIST);
  return {
    port: intFrom(env.PORT, 8787, 'PORT', 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir,
    database,
    adminToken: env.PINGYI_ADMIN_TOKEN || null,
    staticDir: existsSync(join(staticDir, 'index.html')) ? staticDir : null,
    rateLimit: {
      enrollPerMinute: intFrom(env.PINGYI_RATE_ENROLL, 30, 'PINGYI_RATE_ENROLL', 1),
      adminPerMinute: intFrom(env.PINGYI_RATE_ADMIN, 600, 'PINGYI_RATE_ADMIN', 1),
    },
    trustProxy: env.PINGYI_TRUST_PROXY === '1',
    logLevel: env.PINGYI_LOG_LEVEL || 'info',
  };
}
