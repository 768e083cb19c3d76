import Fastify from 'fastify';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerSigner } from '../../src/server/secrets';
import { logProofRoutes } from '../../src/server/office/log-proofs';
import { readTallyInputs, tallyOf } from '../../src/server/office/tally-snapshot';
import { openStore } from '../../src/server/store/kysely-store';
import type { Store } from '../../src/server/store/types';
import { fillCampaign } from './office-fill';

const PG_ADMIN = process.env.PINGYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh store in a scratch place (SQLite file, or a uniquely named PostgreSQL database), and its removal. */
export async function scratchStore(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; dir: string; remove(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-'));
  if (kind === 'sqlite') {
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
    return { store, dir, remove: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `pingyi_bench_office_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: 'postgres', url: url.toString() });
  return {
    store,
    dir,
    async remove() {
      await store.close();
      await admin(`drop database if exists ${name} with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The office tally of a 100-unit campaign with `count` (200,000) questionnaires: the read of
 * f2f_effective, manual scores and log head in one transaction, the tally, and its signature — what
 * GET …/tally does apart from HTTP, without the aggregate cache (every run reads f2f_effective).
 * Median of `runs` after one warm-up; `cpuMs` is this process's CPU time (PostgreSQL's own work
 * is not in it).
 */
export async function benchTally(o: {
  store: 'sqlite' | 'postgres';
  count?: number;
  runs?: number;
}): Promise<{ ms: number; cpuMs: number; runs: number[]; fillMs: number }> {
  const count = o.count ?? 200_000;
  const place = await scratchStore(o.store);
  try {
    const t0 = performance.now();
    const campaign = await fillCampaign(place.store, count);
    const fillMs = performance.now() - t0;
    const { signer } = await loadServerSigner(place.dir);
    const db = place.store.db.withTables<import('../../src/server/office/tables').OfficeTables>();
    // CPU time of this process beside wall time: on a busy machine wall time mostly measures the wait.
    const cpu: number[] = [];
    const once = async () => {
      const c = process.cpuUsage();
      const s = performance.now();
      const inputs = await readTallyInputs(db, campaign.id);
      const tally = tallyOf(inputs!, new Date().toISOString());
      signer.sign(tally);
      const ms = performance.now() - s;
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      const counted = tally.units.reduce((sum, u) => sum + Object.values(u.survey.byGroup).reduce((x, g) => x + g.counted + g.unknown, 0), 0);
      if (counted !== count || tally.units.length !== 100) throw new Error(`tally counted ${counted} of ${count} questionnaires`);
      return ms;
    };
    await once();
    cpu.length = 0;
    const runs: number[] = [];
    for (let i = 0; i < (o.runs ?? 5); i++) runs.push(await once());
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    return { ms: median(runs), cpuMs: median(cpu), runs, fillMs };
  } finally {
    await place.remove();
  }
}

/**
 * GET /api/v1/log/consistency as a tablet asks it at the end of a sync (from its last size, one
 * batch of 500 behind, to the current size) and GET /api/v1/log/inclusion of a record in the middle
 * of the log, on a store filled like benchTally's (`count` questionnaires plus the other campaign's
 * records). The routes run in a bare Fastify app through inject (no socket). Median of `runs` after
 * one warm-up of each.
 */
export async function benchLogProofs(o: {
  store: 'sqlite' | 'postgres';
  count?: number;
  runs?: number;
}): Promise<{ leaves: number; consistencyMs: number; inclusionMs: number; fillMs: number }> {
  const count = o.count ?? 200_000;
  const place = await scratchStore(o.store);
  const app = Fastify();
  try {
    const t0 = performance.now();
    await fillCampaign(place.store, count);
    const fillMs = performance.now() - t0;
    const db = place.store.db;
    logProofRoutes(app, db);
    await app.ready();
    const { size } = await db.selectFrom('log_state').select('size').executeTakeFirstOrThrow();
    const middle = await db
      .selectFrom('records')
      .select('hash')
      .where('log_idx', '=', Math.floor(size / 2))
      .executeTakeFirstOrThrow();
    const timed = async (url: string) => {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return performance.now() - s;
    };
    const median = async (url: string) => {
      await timed(url);
      const runs: number[] = [];
      for (let i = 0; i < (o.runs ?? 9); i++) runs.push(await timed(url));
      return runs.sort((a, b) => a - b)[runs.length >> 1]!;
    };
    const consistencyMs = await median(`/api/v1/log/consistency?from=${size - 500}&to=${size}`);
    const inclusionMs = await median(`/api/v1/log/inclusion?hash=${middle.hash}`);
    return { leaves: size, consistencyMs, inclusionMs, fillMs };
  } finally {
    await app.close();
    await place.remove();
  }
}

// `npx tsx test/bench/tally.ts [sqlite|postgres] [count]` runs the tally alone;
// `npx tsx test/bench/tally.ts [sqlite|postgres] [count] proofs` the log proof routes instead.
if (import.meta.url === `file://${process.argv[1]}`) {
  const store = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
  const count = Number(process.argv[3] ?? 200_000);
  if (process.argv[4] === 'proofs') {
    benchLogProofs({ store, count }).then((r) =>
      console.log(
        `${store}: ${r.consistencyMs.toFixed(1)} ms per GET /api/v1/log/consistency, ${r.inclusionMs.toFixed(1)} ms per GET /api/v1/log/inclusion at ${r.leaves} leaves (filled in ${(r.fillMs / 1000).toFixed(0)} s)`,
      ),
    );
  } else benchTally({ store, count }).then((r) => console.log(store, JSON.stringify(r)));
}
