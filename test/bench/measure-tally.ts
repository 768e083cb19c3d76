import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { TestServer } from '../e2e/harness';
import { repeat, type Bench, type Figure } from './common';
import { batchMaker, enrollNodeDevice, sendBatches } from './device';

/** The demo campaign's rules over 100 units (the size of a county's appraisal list). */
export function campaign100(): Campaign {
  const units = Array.from({ length: 100 }, (_, i) => ({
    id: `u${String(i + 1).padStart(3, '0')}`,
    name: `被评单位${i + 1}`,
    category: i % 3 === 0 ? '窗口单位' : '行政执法类',
  }));
  return { ...DEMO_CAMPAIGN, id: 'bench100', name: '评议基准（100 个单位）', units };
}

/**
 * Seeds `count` questionnaires through the real ingest path (signed batches from several devices
 * in parallel, as a campaign's tablets would send them).
 */
export async function seedQuestionnaires(server: TestServer, campaign: Campaign, count: number, devices = 4): Promise<void> {
  const per = Math.ceil(count / devices);
  await Promise.all(
    Array.from({ length: devices }, async (_, d) => {
      const n = Math.min(per, count - d * per);
      if (n <= 0) return;
      const device = await enrollNodeDevice(server.url, server.adminToken, campaign.id, `tally-${d}`);
      const next = batchMaker(device, campaign, d + 1);
      // Chunks keep memory bounded for the 200k pass.
      for (let sent = 0; sent < n; sent += 10_000) await sendBatches(server.url, await next(Math.min(10_000, n - sent)));
    }),
  );
}

/** Times GET …/tally over `count` stored questionnaires (seeded once, timed `runs` times). */
export async function tallyFigure(server: TestServer, b: Bench, _store: string): Promise<Figure> {
  const campaign = campaign100();
  await server.admin('PUT', `/api/v1/admin/campaigns/${campaign.id}`, campaign);
  const t0 = Date.now();
  await seedQuestionnaires(server, campaign, b.sizes.tally);
  process.stdout.write(`(seeded ${b.sizes.tally} in ${((Date.now() - t0) / 1000).toFixed(0)} s) `);
  return repeat(b.sizes.runs, async () => {
    const s = performance.now();
    const answer = await server.admin<{ tally: { units: { survey?: { byGroup?: Record<string, { counted: number; unknown: number }> } }[] } }>(
      'GET',
      `/api/v1/admin/campaigns/${campaign.id}/tally`,
    );
    const ms = performance.now() - s;
    const counted = answer.tally.units.reduce(
      (sum, u) => sum + Object.values(u.survey?.byGroup ?? {}).reduce((x, g) => x + g.counted + g.unknown, 0),
      0,
    );
    if (answer.tally.units.length !== 100) throw new Error(`tally lists ${answer.tally.units.length} units, expected 100`);
    if (counted !== b.sizes.tally) throw new Error(`tally counted ${counted} questionnaires, expected ${b.sizes.tally}`);
    return ms;
  });
}
