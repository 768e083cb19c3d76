import { Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H } from '../../src/protocol/canon';
import { migrationProvider } from '../../src/server/store/migrations';
import type { TestDevice } from './device';
import { availableBackends, openRaw, startServer, type Place, type TestServer } from './harness';
import { storedRecords } from './helpers';
import { fieldDay, send } from './office-fixture';

const backends = await availableBackends();

/** The tables a store held before migration 003, in an order that can be copied one by one. */
const TABLES = [
  'campaigns',
  'enrollment_codes',
  'devices',
  'records',
  'record_units',
  'batches',
  'chain_conflicts',
  'blobs',
  'log_leaves',
  'log_state',
  'f2f_effective',
  'manual_scores',
  'people',
  'sessions',
] as const;

/** Every f2f sealing time (migration 009), in key order, times as numbers. */
const sealTimes = async (db: Kysely<any>) =>
  (await db.selectFrom('f2f_seal_times').selectAll().orderBy('device_id').orderBy('sealed_ms').orderBy('seq').execute()).map((r) => ({
    ...r,
    sealed_ms: Number(r.sealed_ms),
  }));

const byKey = (key: (r: any) => string) => (a: any, b: any) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

describe.each(backends.map((b) => [b.name, b] as const))('migration 003 on a store holding data (%s)', (name, backend) => {
  let source: { place: Place; server: TestServer };
  let place: Place;
  let server: TestServer;
  let devices: TestDevice[];
  let before: { tally: any; f2f: any[]; leaves: string[]; checkpoint: any; records: any[]; days: any[]; seals: any[] };

  beforeAll(async () => {
    // A field day on a current server, copied row by row into a store migrated only to 002: the
    // shape every store had before 003, with log_leaves.record_hash filled in as it was then.
    const sourcePlace = await backend.create();
    source = { place: sourcePlace, server: await startServer(sourcePlace) };
    ({ devices } = await fieldDay(source.server));
    await source.server.admin('/api/v1/admin/campaigns/demo/manual-scores', {
      method: 'PUT',
      body: { scores: { brigade1: { network: 90 } }, bonusRanking: [] },
    });
    const db = source.server.store.db as Kysely<any>;
    before = {
      tally: (await source.server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally,
      f2f: (await db.selectFrom('f2f_effective').selectAll().execute()).sort(byKey((r) => r.original_id)),
      leaves: (await db.selectFrom('log_leaves').select('leaf_hash').orderBy('idx').execute()).map((r) => Buffer.from(r.leaf_hash).toString('hex')),
      checkpoint: (await source.server.admin('/api/v1/log/checkpoint')).body,
      records: await storedRecords(source.server),
      days: await db.selectFrom('device_days').selectAll().orderBy('device_id').orderBy('day').execute(),
      seals: await sealTimes(db),
    };

    place = await backend.create({ empty: true });
    const old = openRaw(place);
    try {
      const { error } = await new Migrator({ db: old, provider: migrationProvider(name) }).migrateTo('002_office');
      if (error) throw error;
      await old.deleteFrom('log_state').execute();
      for (const table of TABLES) {
        let rows = await db.selectFrom(table).selectAll().execute();
        // Columns that later migrations added (007: blobs.named_at) are not in a 002 store.
        if (table === 'blobs') rows = rows.map(({ named_at: _named, ...r }) => r);
        // (013: enrollment_codes.person_id.)
        if (table === 'enrollment_codes') rows = rows.map(({ person_id: _person, ...r }) => r);
        if (table === 'log_leaves') {
          const hashes = new Map((await db.selectFrom('records').select(['log_idx', 'hash']).execute()).map((r) => [r.log_idx, r.hash]));
          // Office actions (migration 005) are leaves too; here they stand in as they would have.
          for (const a of await db.selectFrom('office_actions').select(['log_idx', 'hash']).execute()) hashes.set(a.log_idx, a.hash);
          rows = rows.map((r) => ({ ...r, record_hash: hashes.get(r.idx) }));
        }
        if (table === 'f2f_effective') rows = rows.map(({ state, reasons, created_at, received_at, ...r }) => r);
        for (let i = 0; i < rows.length; i += 100)
          await old
            .insertInto(table)
            .values(rows.slice(i, i + 100))
            .execute();
      }
      expect(await old.selectFrom('log_leaves').select('record_hash').execute()).toHaveLength(before.leaves.length);
    } finally {
      await old.destroy();
    }
    server = await startServer(place);
    const actions = await db.selectFrom('office_actions').selectAll().execute();
    await (server.store.db as Kysely<any>).insertInto('office_actions').values(actions).execute();
    for (const d of devices) d.url = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
    await source?.server.close();
    await source?.place.destroy();
  });

  it('keeps every record, leaf, questionnaire and the tally', async () => {
    const db = server.store.db as Kysely<any>;
    expect(await storedRecords(server)).toEqual(before.records);
    expect((await db.selectFrom('log_leaves').select('leaf_hash').orderBy('idx').execute()).map((r) => Buffer.from(r.leaf_hash).toString('hex'))).toEqual(
      before.leaves,
    );
    expect((await db.selectFrom('f2f_effective').selectAll().execute()).sort(byKey((r) => r.original_id))).toEqual(before.f2f);
    // Migration 006 fills the review columns and each device's f2f days from the records.
    expect(before.f2f.every((r) => r.state === 'counted' && r.received_at > '2026' && r.created_at > '2026')).toBe(true);
    // Migration 009 turns each day's array into its count, and the f2f into sealing-time rows.
    expect(await db.selectFrom('device_days').selectAll().orderBy('device_id').orderBy('day').execute()).toEqual(before.days);
    expect(before.days.length).toBeGreaterThan(0);
    expect(before.days.reduce((n, d) => n + Number(d.count), 0)).toBe(before.records.filter((r) => r.record.type === 'f2f').length);
    expect(await sealTimes(db)).toEqual(before.seals);
    expect(before.seals).toHaveLength(before.records.filter((r) => r.record.type === 'f2f').length);
    expect((await server.admin('/api/v1/log/checkpoint')).body).toMatchObject({ logSize: before.checkpoint.logSize, logRoot: before.checkpoint.logRoot });
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    expect({ ...tally, computedAt: null }).toEqual({ ...before.tally, computedAt: null });
  });

  it('drops log_leaves.record_hash and (SQLite) clusters f2f_effective by campaign without the old indexes', async () => {
    const db = server.store.db as Kysely<any>;
    await expect(db.selectFrom('log_leaves').select('record_hash').execute()).rejects.toThrow();
    if (name === 'sqlite') {
      const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where tbl_name = 'f2f_effective'`.execute(db);
      // (f2f_effective_review: migration 006's partial index of the questionnaires not simply counted.)
      expect(rows.map((r) => r.name).sort()).toEqual(['f2f_effective', 'f2f_effective_review']);
      expect(rows.find((r) => r.name === 'f2f_effective')!.sql).toMatch(/without rowid/i);
    }
  });

  it('proves inclusion of records stored before it', async () => {
    for (const { hash } of before.records.slice(0, 3)) {
      const r = await fetch(`${server.url}/api/v1/log/inclusion?hash=${hash}`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ logSize: before.checkpoint.logSize, logRoot: before.checkpoint.logRoot, leafHash: expect.any(String) });
    }
  });

  it('takes further batches that amend and void questionnaires stored before it', async () => {
    const [a] = devices;
    const questionnaires = before.records.filter((x) => x.record.deviceId === a!.deviceId && x.record.type === 'f2f');
    const amended = questionnaires[0]!.record;
    const voided = questionnaires[2]!.record;
    const fresh = a!.f2f({ unitId: 'office' });
    await send(
      a!,
      await a!.seal([
        a!.unsealed('amend', { targetId: amended.id, targetHash: await H(amended), reason: '更正', body: { ...amended.body, overall: 'less' } }),
        a!.unsealed('void', { targetId: voided.id, targetHash: await H(voided), reason: '重复' }),
        fresh,
      ]),
    );
    const db = server.store.db as Kysely<any>;
    const rows = await db.selectFrom('f2f_effective').select(['original_id', 'overall', 'latest_seq']).where('campaign_id', '=', 'demo').execute();
    const byId = new Map(rows.map((r) => [r.original_id, r]));
    expect(byId.get(amended.id)).toMatchObject({ overall: 'less' });
    expect(byId.has(voided.id)).toBe(false);
    expect(byId.has(fresh.id)).toBe(true);
    expect(rows).toHaveLength(before.f2f.filter((r) => r.campaign_id === 'demo').length);
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    expect(tally.logSize).toBe(before.checkpoint.logSize + 3);
  });
});
