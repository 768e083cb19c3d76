import pg from 'pg';
import { startServer, type TestServer } from '../e2e/harness';
import { repeat, type Bench } from './common';
import { benchIngest } from './ingest';
import { tallyFigure } from './measure-tally';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** A uniquely named PostgreSQL database, or null (with the reason) when PostgreSQL is unreachable. */
async function tempPostgres(): Promise<{ url: string; drop(): Promise<void> } | { unreachable: string }> {
  const admin = new pg.Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    return { unreachable: `PostgreSQL at ${PG.host}:${PG.port} is unreachable (${(e as Error).message})` };
  }
  const name = `pingyi_bench_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://${PG.user}@${PG.host}:${PG.port}/${name}`,
    async drop() {
      const c = new pg.Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Ingest and tally on SQLite, then on PostgreSQL when it is reachable. */
export async function serverFigures(b: Bench): Promise<void> {
  const stores: { name: 'Sqlite' | 'Postgres'; label: string }[] = [
    { name: 'Sqlite', label: 'SQLite' },
    { name: 'Postgres', label: 'PostgreSQL' },
  ];
  for (const s of stores) {
    let db: Awaited<ReturnType<typeof tempPostgres>> | null = null;
    if (s.name === 'Postgres') {
      db = await tempPostgres();
      if ('unreachable' in db) {
        console.log(`• ${db.unreachable}: the PostgreSQL figures are skipped`);
        b.gap('ingestRecordsPerSecPostgres', db.unreachable);
        b.gap('tally200kMsPostgres', db.unreachable);
        continue;
      }
    }
    // Ingest: S1's helper, a fresh server and database per run (its own scratch PostgreSQL database).
    await b.measure(`ingestRecordsPerSec${s.name}`, `${s.label} ingest, batches of 500 (${b.sizes.ingest} per run)`, 'records/s', () =>
      repeat(b.sizes.runs, async () => (await benchIngest({ store: s.name === 'Sqlite' ? 'sqlite' : 'postgres', records: b.sizes.ingest })).recordsPerSec),
    );
    const server = await startServer({ staticDir: null, ...(db && 'url' in db ? { databaseUrl: db.url } : {}) });
    try {
      await b.measure(`tally200kMs${s.name}`, `${s.label} tally of ${b.sizes.tally} questionnaires, 100 units`, 'ms', () =>
        tallyFigure(server, b, s.name),
      );
    } finally {
      await server.close();
      if (db && 'drop' in db) await db.drop();
    }
  }
}
