import pg from 'pg';
import { figure, repeat, type Bench } from './common';
import { benchIngest, describeGc, SPREAD_PER_DEVICE } from './ingest';
import { benchTally } from './tally';
import { benchVerify } from './verify';
import { spawnServer } from './server-process';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

/** Why PostgreSQL cannot be used, or null when it answers. */
async function postgresUnreachable(): Promise<string | null> {
  const c = new pg.Client({ ...PG, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (e) {
    return `PostgreSQL at ${PG.host}:${PG.port} is unreachable (${(e as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Ingest (S1's helper: a fresh server per run, one device posting signed batches of 500 over
 * loopback HTTP) and the office tally of 200,000 questionnaires over 100 units (S2's helper: the
 * campaign filled through Store.ingest, then the tally read, computed and signed as GET …/tally
 * does, without HTTP), on SQLite and then on PostgreSQL when it is reachable. Each PostgreSQL run
 * uses its own scratch database, dropped afterwards.
 */
export async function serverFigures(b: Bench): Promise<void> {
  // `npm run serve` as an operator runs it: compiled JavaScript under plain Node, a fresh data
  // directory (server key, admin token, SQLite schema made), timed to its "listening at" line.
  await b.measure('serverStartMs', 'server start-up (compiled, fresh SQLite data dir)', 'ms', () =>
    repeat(b.sizes.runs, async () => {
      const server = await spawnServer();
      await server.close();
      return server.startMs;
    }),
  );
  const unreachable = await postgresUnreachable();
  for (const store of ['sqlite', 'postgres'] as const) {
    const name = store === 'sqlite' ? 'Sqlite' : 'Postgres';
    const label = store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    if (store === 'postgres' && unreachable) {
      console.log(`• ${unreachable}: the PostgreSQL figures are skipped`);
      b.gap('ingestRecordsPerSecPostgres', unreachable);
      b.gap('ingestSpreadRecordsPerSecPostgres', unreachable);
      b.gap('tally200kMsPostgres', unreachable);
      continue;
    }
    const perCpu: number[] = [];
    const cold: number[] = [];
    const gcs: string[] = [];
    await b.measure(`ingestRecordsPerSec${name}`, `${label} ingest, batches of 500 (${b.sizes.ingest} records per run, after a warm-up)`, 'records/s', () =>
      repeat(b.sizes.runs, async () => {
        const r = await benchIngest({ store, records: b.sizes.ingest, traceGc: true });
        if (r.gc) gcs.push(describeGc(r.gc, r.seconds));
        if (r.recordsPerServerCpuSec) perCpu.push(r.recordsPerServerCpuSec);
        if (r.coldRecordsPerSec) cold.push(r.coldRecordsPerSec);
        return r.recordsPerSec;
      }),
    );
    if (perCpu.length)
      b.note(`${label} ingest per CPU-second of the server process: median ${figure(perCpu).median.toFixed(0)} records (runs ${perCpu.join(', ')})`);
    for (const [i, g] of gcs.entries()) b.note(`${label} ingest run ${i + 1}: ${g}`);
    if (cold.length)
      b.note(`${label} ingest of the untimed warm-up, from the server's start: median ${figure(cold).median.toFixed(0)} records/s (runs ${cold.join(', ')})`);
    // Questionnaires as the field sends them: many devices, each a day's work within the limits
    // (nothing held), in one batch of SPREAD_PER_DEVICE; a quarter of the held case's records, as
    // enrolling the devices takes longer than sending their batches.
    const spreadCpu: number[] = [];
    await b.measure(
      `ingestSpreadRecordsPerSec${name}`,
      `${label} ingest, ${Math.ceil(b.sizes.ingest / 4 / SPREAD_PER_DEVICE)} devices × ${SPREAD_PER_DEVICE} within the limits, 4 at a time`,
      'records/s',
      () =>
        repeat(b.sizes.runs, async () => {
          const r = await benchIngest({ store, records: b.sizes.ingest / 4, workload: 'spread' });
          if (r.recordsPerServerCpuSec) spreadCpu.push(r.recordsPerServerCpuSec);
          return r.recordsPerSec;
        }),
    );
    if (spreadCpu.length)
      b.note(
        `${label} spread ingest per CPU-second of the server process: median ${figure(spreadCpu).median.toFixed(0)} records (runs ${spreadCpu.join(', ')})`,
      );
    await b.measure(`tally200kMs${name}`, `${label} tally of ${b.sizes.tally} questionnaires over 100 units`, 'ms', async () => {
      const r = await benchTally({ store, count: b.sizes.tally, runs: b.sizes.runs });
      process.stdout.write(`(filled in ${(r.fillMs / 1000).toFixed(0)} s) `);
      return figure(r.runs);
    });
  }
  // Not one of the figures of bench-results.json: printed for the README (one run).
  if (!b.wanted('verify')) return;
  try {
    const v = await benchVerify({ store: 'sqlite', count: b.sizes.tally });
    b.note(
      `verifiable export of ${b.sizes.tally} questionnaires: written in ${(v.exportMs / 1000).toFixed(1)} s (${(v.bytes / 1048576).toFixed(1)} MiB), ` +
        `verified offline in ${(v.ms / 1000).toFixed(1)} s (the \`npm run verify\` process: ${(v.cliMs / 1000).toFixed(1)} s)`,
    );
  } catch (e) {
    b.note(`verifiable export: FAILED (${(e as Error).message.split('\n')[0]})`);
  }
}
