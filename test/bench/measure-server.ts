import pg from 'pg';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { startServer, type TestServer } from '../e2e/harness';
import { repeat, type Bench, type Figure } from './common';
import { batchMaker, enrollNodeDevice, sendBatches } from './device';
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

/**
 * Server ingest: a fresh Node device per run posts `count` questionnaires in signed batches of 500
 * over loopback HTTP; the server verifies every signature and chain link and commits each batch.
 * Batches are built and signed before the clock starts.
 */
export async function ingestRate(server: TestServer, count: number, runs: number): Promise<Figure> {
  return repeat(runs, async (run) => {
    const device = await enrollNodeDevice(server.url, server.adminToken, DEMO_CAMPAIGN.id, `ingest-${run}`);
    const batches = await batchMaker(device, DEMO_CAMPAIGN, run + 1)(count);
    const t0 = performance.now();
    await sendBatches(server.url, batches);
    return count / ((performance.now() - t0) / 1000);
  });
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
    const server = await startServer({ staticDir: null, ...(db && 'url' in db ? { databaseUrl: db.url } : {}) });
    try {
      await b.measure(`ingestRecordsPerSec${s.name}`, `${s.label} ingest, batches of 500 (${b.sizes.ingest} per run)`, 'records/s', () =>
        ingestRate(server, b.sizes.ingest, b.sizes.runs),
      );
      await b.measure(`tally200kMs${s.name}`, `${s.label} tally of ${b.sizes.tally} questionnaires, 100 units`, 'ms', () =>
        tallyFigure(server, b, s.name),
      );
    } finally {
      await server.close();
      if (db && 'drop' in db) await db.drop();
    }
  }
}
