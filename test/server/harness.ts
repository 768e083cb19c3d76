import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config';
import type { AppOptions } from '../../src/server/app';
import { openServer, type OpenedServer } from '../../src/server/server';

/**
 * Runs server suites against SQLite (always) and PostgreSQL (when reachable). Each PostgreSQL run
 * gets its own database, dropped afterwards: a copy of the run's migrated template
 * (pg-template.ts), or an empty one when asked for (to build a store as an older version made it).
 */
export const PG_ADMIN_URL = process.env.PINGYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh place to keep data (directory, and database for PostgreSQL). On PostgreSQL the
   * database is already migrated to the latest schema unless `empty` is asked for; a server
   * started on either finds the same (SQLite files are always made empty, and migrate on start).
   */
  create(o?: { empty?: boolean }): Promise<Place>;
}

export interface Place {
  dataDir: string;
  databaseUrl?: string;
  destroy(): Promise<void>;
}

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pingyi-test-'));

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async create() {
    const dataDir = tempDir();
    return { dataDir, destroy: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async create(o = {}) {
    const dataDir = tempDir();
    const name = `pingyi_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const template = o.empty ? '' : pgTemplate();
    await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      dataDir,
      databaseUrl: url.toString(),
      async destroy() {
        await adminQuery(`drop database if exists ${name} with (force)`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** A program of the server as `npm run build` compiles it, built for this run (programs.ts). */
export function serverProgram(name: 'main' | 'admin' | 'verify'): string {
  return join(inject('serverPrograms'), `${name}.js`);
}

/** The run's migrated template database (pg-template.ts), '' outside a run that made one. */
function pgTemplate(): string {
  try {
    return inject('pgTemplate') ?? '';
  } catch {
    return '';
  }
}

/**
 * SQLite, plus PostgreSQL when it answers; says so clearly when the PostgreSQL run is skipped.
 * `PINGYI_TEST_STORES=sqlite` keeps to SQLite (the mutation run, `npm run mutate`, sets it).
 */
export async function availableBackends(): Promise<Backend[]> {
  if (process.env.PINGYI_TEST_STORES === 'sqlite') return [sqliteBackend];
  if (await pgReachable()) return [sqliteBackend, postgresBackend];
  console.warn(`PostgreSQL unreachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}: PostgreSQL run skipped`);
  return [sqliteBackend];
}

/** A Kysely handle on the place's database, outside any server (for stores made as older versions made them). */
export function openRaw(place: Place): Kysely<any> {
  return place.databaseUrl
    ? new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: place.databaseUrl, max: 2 }) }) })
    : new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(join(place.dataDir, 'pingyi.sqlite')) }) });
}

export function placeConfig(place: Place, env: Record<string, string> = {}): Config {
  return loadConfig({
    PINGYI_DATA_DIR: place.dataDir,
    DATABASE_URL: place.databaseUrl,
    PINGYI_ADMIN_TOKEN: 'test-admin-token-of-thirty-two-chars',
    PINGYI_STATIC_DIR: join(place.dataDir, 'no-static'),
    ...env,
  });
}

export interface TestServer extends OpenedServer {
  url: string;
  place: Place;
  /** The server's clock (AppOptions.now, else the real one): test devices keep theirs near it. */
  now: () => number;
  /** fetch against the server with the admin token. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1, port 0, over `place` (which outlives it, for restarts).
 * `beforeListen` may add hooks to the app (a test's own observers, after the app's).
 */
export async function startServer(
  place: Place,
  extra: Partial<AppOptions> = {},
  env: Record<string, string> = {},
  beforeListen?: (app: OpenedServer['app']) => void,
): Promise<TestServer> {
  const opened = await openServer(placeConfig(place, env), extra);
  beforeListen?.(opened.app);
  await opened.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = opened.app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    ...opened,
    url,
    place,
    now: extra.now ?? Date.now,
    async admin(path, init = {}) {
      const res = await fetch(url + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${opened.adminToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: await res.json() };
    },
    close: () => opened.app.close(),
  };
}

/** POSTs JSON and returns the status and parsed answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
