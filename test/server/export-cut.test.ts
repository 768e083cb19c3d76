import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonString } from '../../src/protocol/canon';
import { cutExport, jsonlExport } from '../../src/server/office/export-jsonl';
import type { OfficeDb, OfficeTables } from '../../src/server/office/tables';
import { answerRowPages, readTallyInputs, tallyOf } from '../../src/server/office/tally-snapshot';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { fieldDay } from './office-fixture';

const backends = await availableBackends();

/** Notes the number of rows of every query result: a read of the whole table shows as one large result. */
function rowCounts(): { plugin: KyselyPlugin; sizes: number[] } {
  const sizes: number[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      sizes.push(args.result.rows.length);
      return args.result;
    },
  };
  return { plugin, sizes };
}

describe.each(backends.map((b) => [b.name, b] as const))('the export cut: a paged tally read and the devices in its snapshot (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let db: OfficeDb;
  let answers: number;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    await fieldDay(server);
    db = server.store.db.withTables<OfficeTables>();
    answers = Number(
      (
        await db
          .selectFrom('f2f_effective')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).n,
    );
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('reads the answer rows a page at a time, every row once', async () => {
    expect(answers).toBeGreaterThan(4);
    const pages = await db.transaction().execute(async (tx) => {
      const out: number[] = [];
      for await (const page of answerRowPages(tx, 'demo', 2)) out.push(page.length);
      return out;
    });
    expect(pages.every((n) => n >= 1 && n <= 2)).toBe(true);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(answers);
    await expect(db.transaction().execute(async (tx) => answerRowPages(tx, 'demo', 0).next())).rejects.toThrow(/page size/);
  });

  it('signs the same tally, byte for byte, from pages of 2 rows as from one read of them all, and no query returns more than a page', async () => {
    const whole = await readTallyInputs(db, 'demo', undefined, 1_000_000);
    const { plugin, sizes } = rowCounts();
    const paged = await readTallyInputs(db.withPlugin(plugin), 'demo', undefined, 2);
    // Guards the flat memory of the cut: the tally's read of f2f_effective returns pages, not the table.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(answers);
    const at = '2026-12-01T00:00:00.000Z';
    expect(canonString(tallyOf(paged!, at))).toBe(canonString(tallyOf(whole!, at)));
    expect(JSON.stringify(tallyOf(paged!, at))).toBe(JSON.stringify(tallyOf(whole!, at)));
    expect([...paged!.counts]).toEqual([...whole!.counts]);
  });

  it('writes the devices as they were at the cut: one revoked or enrolled while the export streams is not', async () => {
    const cut = (await cutExport(db, server.signer, 'demo', new Date().toISOString()))!;
    const before = cut.devices.map((d) => [d.deviceId, d.revokedAt]);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every(([, revokedAt]) => revokedAt === null)).toBe(true);
    // Meanwhile: a device is revoked and another enrolled.
    const revoked = String(before[0]![0]);
    expect(await server.store.revokeDevice(revoked, new Date().toISOString(), 'admin-token')).toBeDefined();
    const late = await enrollDevice(server);

    let text = '';
    for await (const chunk of jsonlExport(db, server.signer, cut)) text += chunk;
    const lines = text.trimEnd().split('\n');
    const devices = lines.map((l) => JSON.parse(l) as { kind: string; deviceId?: string; revokedAt?: string | null }).filter((l) => l.kind === 'device');
    expect(devices.map((d) => [d.deviceId, d.revokedAt])).toEqual(before);
    expect(devices.some((d) => d.deviceId === late.deviceId)).toBe(false);
    // The revocation is an office action above the cut: the export is of one moment and verifies.
    expect((await verifyExportLines(lines)).filter((r) => !r.ok)).toEqual([]);
  });
});
