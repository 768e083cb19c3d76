import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byHashes, EPOCH_BITS, hashEpochs } from '../../src/server/store/rows';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { recordRow } from './helpers';

const backends = await availableBackends();

const hashOf = (i: number) => i.toString(16).padStart(8, '0').repeat(8);

describe.each(backends.map((b) => [b.name, b] as const))('records by hash, indexed within epochs of the log (%s)', (name, backend) => {
  let place: Place;
  let server: TestServer;
  let db: Kysely<any>;

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    db = server.store.db as Kysely<any>;
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('has no epochs while no record is stored, and matches nothing then', async () => {
    expect(await hashEpochs(db)).toEqual([]);
    expect(
      await db
        .selectFrom('records')
        .select('log_idx')
        .where(byHashes([hashOf(1)], []))
        .execute(),
    ).toEqual([]);
  });

  it('finds records in the first, a middle and the last epoch, and only those asked for', async () => {
    const at = [0, 2 ** EPOCH_BITS - 1, 2 ** EPOCH_BITS, 3 * 2 ** EPOCH_BITS + 5];
    await db
      .insertInto('records')
      .values(at.map((i) => recordRow(i, hashOf(i), '{}', 'epoch-test')))
      .execute();
    expect(await hashEpochs(db)).toEqual([0, 1, 2, 3]);
    const epochs = await hashEpochs(db);
    for (const i of at) {
      const found = await db
        .selectFrom('records')
        .select('log_idx')
        .where(byHashes([hashOf(i)], epochs))
        .execute();
      expect(found.map((r) => Number(r.log_idx))).toEqual([i]);
    }
    const some = await db
      .selectFrom('records as r')
      .select('r.log_idx')
      .where(byHashes([hashOf(at[1]!), hashOf(at[3]!), hashOf(99)], epochs, 'r'))
      .orderBy('r.log_idx')
      .execute();
    expect(some.map((r) => Number(r.log_idx))).toEqual([at[1], at[3]]);
    // Same first 13 hex digits (the indexed key), another hash: not a match.
    const twin = hashOf(at[2]!).slice(0, 13) + 'f'.repeat(51);
    expect(
      await db
        .selectFrom('records')
        .select('log_idx')
        .where(byHashes([twin], epochs))
        .execute(),
    ).toEqual([]);
  });

  it("answers a lookup from the epoch index, not by reading the table (the index's expression is byHashes')", async () => {
    const compiled = db
      .selectFrom('records as r')
      .select('r.log_idx')
      .where(byHashes([hashOf(7)], [0, 1, 2, 3], 'r'))
      .compile();
    let plan: string;
    if (name === 'sqlite') {
      const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      plan = rows.rows.map((r) => r.detail).join('\n');
    } else {
      // A handful of rows: PostgreSQL would read the table whatever the indexes; forbid that to see whether the index serves.
      plan = await db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        const rows = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    expect(plan).toContain('records_hash_epoch');
    expect(plan).not.toMatch(/SCAN r\b|Seq Scan/);
  });
});
