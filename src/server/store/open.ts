import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CampaignSchema } from '../../domain/campaign';
import { DEMO_CAMPAIGN } from '../../domain/demo-campaign';
import { SERVER_ACTOR } from '../../protocol/office-action';
import { bulkInserter } from './bulk';
import { recordCampaignVersion, versionedDefinition } from './campaign-versions';
import { startCheckpointer } from './checkpointer';
import { errorLine, storeHealth, type StoreHealth } from './faults';
import { officeTx } from './office-tx';
import { keepFirstError } from './rollback';
import { migrationProvider, type StoreDialect } from './migrations';
import type { CoreTables, Db } from './schema';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface OpenOptions {
  /**
   * SQLite: run WAL checkpoints on a worker thread (checkpointer.ts) instead of inside commits.
   * For the long-running server; short-lived commands leave it off.
   */
  backgroundCheckpoints?: boolean;
  /** Where the store's operational events go (a lost connection, a full disk): one line each. */
  log?: (line: string) => void;
  /** PostgreSQL application_name of the connections (pg_stat_activity), unless the URL names one. */
  applicationName?: string;
}

/** The page size of a new SQLite store, in bytes. */
export const PAGE_SIZE = 16_384;

/** SQLite's automatic checkpoint threshold, in pages of the store, for a log of about `bytes`. */
const walPages = (raw: Database.Database, bytes: number): number => Math.max(1, Math.round(bytes / (raw.pragma('page_size', { simple: true }) as number)));

/** A SQLite connection for Kysely, and the hooks openDatabase needs around it. */
interface CachedSqlite {
  database: SqliteDatabase;
  raw: Database.Database;
  /** Called after every write that ended outside a transaction (a commit, or a single statement). */
  afterWrite?: () => void;
}

/**
 * better-sqlite3 behind Kysely with a bounded statement cache: Kysely prepares every query it runs,
 * and preparing the multi-row inserts of a 500-record batch costs more than running them.
 */
function cachedSqlite(file: string): CachedSqlite {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const raw = new Database(file);
  // Pages of 16 KiB instead of SQLite's 4 KiB: a batch of 500 records writes fewer, larger log
  // frames (each its own write and checksum), and rows of ~1 KiB fill a page's space better (server
  // README, "Stores"). Takes effect only when the store is created; an older store keeps its pages.
  raw.pragma(`page_size = ${PAGE_SIZE}`);
  raw.pragma('journal_mode = WAL');
  // FULL: a receipt promises the records are stored, so every commit reaches the disk first.
  raw.pragma('synchronous = FULL');
  // The admin CLI may write while the server runs: wait for the other writer instead of failing.
  raw.pragma('busy_timeout = 5000');
  // A 500-record batch touches several indexes: keep their pages in memory (64 MiB) between batches.
  raw.pragma('cache_size = -65536');
  const cache = new Map<string, SqliteStatement>();
  const self: CachedSqlite = { raw, database: { close: () => raw.close(), prepare } };
  /** Writes tell afterWrite when they end outside a transaction (readers are passed as they are). */
  const watched = (stmt: Database.Statement): SqliteStatement =>
    stmt.reader
      ? stmt
      : {
          reader: false,
          all: (parameters) => stmt.all(parameters),
          iterate: (parameters) => stmt.iterate(parameters),
          run(parameters) {
            const result = stmt.run(parameters);
            if (self.afterWrite && !raw.inTransaction) self.afterWrite();
            return result;
          },
        };
  function prepare(sql: string): SqliteStatement {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // re-insert: most recently used last
    } else {
      // Kysely opens transactions with a plain BEGIN (deferred); taking the write lock at once
      // avoids SQLITE_BUSY when a deferred reader later tries to write beside another process.
      stmt = watched(raw.prepare(sql === 'begin' ? 'begin immediate' : sql));
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  }
  return self;
}

function postgresPool(url: string, log: (line: string) => void, applicationName: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: applicationName,
    max: 10,
    // A database that does not answer fails the request (503) instead of holding it forever.
    connectionTimeoutMillis: 5000,
    // int8 (counts, bigint columns) as numbers: every value the store keeps fits in 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // PostgreSQL may end any connection (a restart, a failover, an administrator's
  // pg_terminate_backend). pg reports it as an 'error' event on the client, idle in the pool or
  // checked out by a request, and an 'error' event without a listener ends the process. Every
  // client gets a listener when it connects: one line per connection lost. The request that held
  // it fails with the connection's error (answered 503); the pool drops the dead client, and the
  // next request opens a fresh connection.
  pool.on('connect', (client) => {
    client.on('error', (err) => log(`PostgreSQL ended a connection (${errorLine(err)}); the pool opens a new one when needed.`));
  });
  // The pool re-emits the errors of idle clients: already told by the client's own listener.
  pool.on('error', () => {});
  return pool;
}

/**
 * Opens the database, runs the migrations and makes sure the demo campaign exists. `stop` ends
 * what runs beside the connection (the checkpoint worker); call it after destroying `db`.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<{ db: Db; dialect: StoreDialect; stop: () => Promise<void>; health: StoreHealth; snapshot: ReadSnapshot; sqlite?: Database.Database }> {
  const dialect: StoreDialect = target.kind;
  const log = options.log ?? ((line: string) => console.warn(line));
  const sqlite = target.kind === 'sqlite' ? cachedSqlite(target.file) : undefined;
  const health =
    target.kind === 'sqlite'
      ? storeHealth({ where: target.file, dir: dirname(target.file), log })
      : storeHealth({ where: `PostgreSQL database ${new URL(target.url).pathname.slice(1) || '(default)'} on ${new URL(target.url).host}`, log });
  const inner: Dialect = sqlite
    ? new SqliteDialect({ database: sqlite.database })
    : new PostgresDialect({ pool: postgresPool((target as { url: string }).url, log, options.applicationName ?? 'pingyi') });
  // SQLite rolls a transaction back by itself on SQLITE_FULL (and PostgreSQL's connection may be
  // gone): the rollback's own failure must not hide the error that ended the transaction.
  const db = new Kysely<CoreTables>({ dialect: keepFirstError(inner, { inTransaction: sqlite ? () => sqlite.raw.inTransaction : undefined, log }) });
  try {
    // Migrations are numbered by the work they belong to and may land out of order (007 after 008):
    // each touches its own tables, so one that a store has not run yet runs whatever its number.
    const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect), allowUnorderedMigrations: true }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await insertDemoCampaign(db, dialect);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  let stop = async () => {};
  if (sqlite && options.backgroundCheckpoints) {
    // The server's own automatic checkpoint stays as a safety net, at a size the worker never
    // lets the log reach while it keeps up (40 MiB; back to SQLite's default 4 MiB if the worker fails).
    sqlite.raw.pragma(`wal_autocheckpoint = ${walPages(sqlite.raw, 40 << 20)}`);
    const checkpointer = startCheckpointer((target as { file: string }).file, (e) => {
      console.warn(`SQLite checkpoint worker failed (${e.message}); commits checkpoint the log themselves again.`);
      sqlite.afterWrite = undefined;
      if (sqlite.raw.open) sqlite.raw.pragma(`wal_autocheckpoint = ${walPages(sqlite.raw, 4 << 20)}`);
    });
    sqlite.afterWrite = () => checkpointer.committed();
    stop = () => checkpointer.stop();
  }
  const snapshot: ReadSnapshot = sqlite ? sqliteSnapshot((target as { file: string }).file) : (fn) => repeatableRead(db, fn);
  // SQLite: the one connection, for the ingest path's own prepared statements (sqlite-prepared.ts).
  return { db, dialect, stop, health, snapshot, sqlite: sqlite?.raw };
}

/** Runs reads against one committed state of the store (Store.readSnapshot). */
export type ReadSnapshot = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/** One read-only transaction at REPEATABLE READ: PostgreSQL's snapshot, on a connection of the pool. */
export const repeatableRead = <T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> =>
  db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);

/**
 * SQLite: a read transaction on a connection of its own, read-only. In WAL mode it reads the
 * database as it was at its first read for as long as it lasts, while the server's connection keeps
 * committing beside it (a transaction on the server's one connection would hold every batch back
 * until a slow download ends).
 */
function sqliteSnapshot(file: string): ReadSnapshot {
  return async (fn) => {
    const raw = new Database(file, { readonly: true, fileMustExist: true });
    raw.pragma('busy_timeout = 5000');
    const own = new Kysely<CoreTables>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      return await own.transaction().execute(fn);
    } finally {
      await own.destroy();
    }
  };
}

/**
 * The demo campaign as version 1, unless the store holds it already (in whatever version). Its
 * version is an office action like any other (actor `server`), so the audit log of a new store
 * begins with it and `npm run verify` finds the limits every questionnaire was judged by logged.
 */
async function insertDemoCampaign(db: Db, dialect: StoreDialect): Promise<void> {
  const { text, hash } = versionedDefinition(CampaignSchema.parse(DEMO_CAMPAIGN), 1);
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    const added = await tx
      .insertInto('campaigns')
      .values({ id: DEMO_CAMPAIGN.id, definition: text, updated_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0n) !== 1) return;
    await tx.insertInto('campaign_versions').values({ campaign_id: DEMO_CAMPAIGN.id, version: 1, definition: text, hash, at, actor: SERVER_ACTOR }).execute();
    await recordCampaignVersion(officeTx(tx, dialect, bulkInserter(dialect)), {
      campaignId: DEMO_CAMPAIGN.id,
      actor: SERVER_ACTOR,
      at,
      version: 1,
      hash,
      changes: [],
    });
  });
}
