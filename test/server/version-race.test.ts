import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime } from '../../src/domain/ids';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { send } from './office-fixture';

const backends = await availableBackends();

const BURST = { count: 3, minutes: 5 };

/**
 * `n` questionnaires sealed 20 s apart from `from`, each a 15-second interview (the device seals
 * each when its durationMs has passed since createdAt): a burst the limit of 3 in 5 minutes holds.
 */
const burst = (device: TestDevice, from: number, n: number) =>
  device.seal(Array.from({ length: n }, (_, i) => ({ ...device.f2f({ durationMs: 15_000 }), createdAt: isoTime(from + i * 20_000 - 15_000) })));

/**
 * A new campaign version and a batch reading the campaign at the same moment. SQLite runs one
 * writer at a time; PostgreSQL reads the campaign row FOR SHARE in the batch's transaction, so a
 * version (which updates that row, then logs its action) lands in the log either before the
 * batch's records, and the batch held them by its limits, or after them. Either way the verifier,
 * replaying the log in order, must find each hold the one its version gives.
 */
describe.each(backends.map((b) => [b.name, b] as const))('campaign versions racing batches (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const put = (limits: unknown) =>
    server.admin('/api/v1/admin/campaigns/race?confirm=rescore', { method: 'PUT', body: { ...DEMO_CAMPAIGN, id: 'race', limits } });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    expect((await put({ maxPerDevicePerDay: null, burst: BURST })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('holds each questionnaire by the version the log puts before it, which npm run verify replays', async () => {
    const devices = await Promise.all(Array.from({ length: 3 }, () => enrollDevice(server, 'Ed25519', 'race')));
    const start = Date.now() - 9 * 60_000;
    // Four rounds; in each, every device sends a batch of four questionnaires (a burst) while the
    // office turns the burst limit off or on again: each round is a race, and the rounds put
    // versions between the questionnaires in the log.
    for (let round = 0; round < 4; round++) {
      const [version] = await Promise.all([
        put({ maxPerDevicePerDay: null, burst: round % 2 === 0 ? null : BURST }),
        ...devices.map(async (d, k) => send(d, await burst(d, start + k * 1000 + round * 100_000, 4))),
      ]);
      expect(version.status).toBe(200);
    }

    const lines = (
      await (
        await fetch(`${server.url}/api/v1/admin/export?campaignId=race&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      ).text()
    )
      .trimEnd()
      .split('\n');
    const campaign = JSON.parse(lines.find((l) => l.startsWith('{"kind":"campaign"'))!);
    expect(campaign.campaign.version).toBe(5);
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
    // The race is real: versions landed in the log between the questionnaires.
    const parsed = lines.map((l) => JSON.parse(l));
    const recordLeaves = parsed.filter((x) => x.kind === 'record').map((x) => x.logIdx as number);
    expect(recordLeaves).toHaveLength(48);
    const versionLeaves = parsed.filter((x) => x.kind === 'action' && x.action.action === 'campaign-version').map((x) => x.logIdx as number);
    expect(versionLeaves.some((i) => i > Math.min(...recordLeaves) && i < Math.max(...recordLeaves))).toBe(true);
  });
});
