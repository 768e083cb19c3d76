import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { verifyServerSig } from '../../src/protocol/receipt';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { DEMO_RATINGS, enrollDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { send } from './office-fixture';

const backends = await availableBackends();

const C: Campaign = {
  ...DEMO_CAMPAIGN,
  id: 'cat2026',
  minSamplePerGroup: 0,
  minSampleToRank: 3,
  scoring: { ...DEMO_CAMPAIGN.scoring, rankWithin: 'category' },
};
const ratings = (level: string) => Object.fromEntries(Object.keys(DEMO_RATINGS).map((d) => [d, level]));

describe.each(backends.map((b) => [b.name, b] as const))(
  'tally of a versioned campaign: version, hash, category ranks, vetoes, minimum sample (%s)',
  (_name, backend) => {
    let place: Place;
    let server: TestServer;
    const tally = async () => {
      const r = await server.admin('/api/v1/admin/campaigns/cat2026/tally');
      expect(r.status).toBe(200);
      expect(await verifyServerSig(r.body.tally, r.body.serverSig, server.signer.jwk)).toBe(true);
      return r.body.tally;
    };
    const unit = (t: any, id: string) => t.units.find((u: { unitId: string }) => u.unitId === id);

    beforeAll(async () => {
      place = await backend.create();
      server = await startServer(place);
      expect((await server.admin('/api/v1/admin/campaigns/cat2026', { method: 'PUT', body: C })).status).toBe(201);
      const d = await enrollDevice(server, 'Ed25519', 'cat2026');
      // Every rater group answers once about each unit (no unit is incomplete); law only through one group.
      const q = (unitId: string, level: string, groups = ['expert', 'public', 'client']) =>
        groups.map((raterGroup) => d.f2f({ unitId, raterGroup, overall: level, ratings: ratings(level) }));
      await send(d, await d.seal([...q('brigade1', 'very'), ...q('brigade2', 'fairly'), ...q('office', 'neutral'), ...q('law', 'very', ['public'])]));
      const scores = Object.fromEntries(['brigade1', 'brigade2', 'office', 'law'].map((u) => [u, { daily: 80, network: 80 }]));
      expect((await server.admin('/api/v1/admin/campaigns/cat2026/manual-scores', { method: 'PUT', body: { scores, bonusRanking: [] } })).status).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
      await place?.destroy();
    });

    it('names the campaign version and its hash, and ranks within categories', async () => {
      const t = await tally();
      const versions = (await server.admin('/api/v1/admin/campaigns/cat2026/versions')).body.versions;
      expect({ v: t.campaignVersion, h: t.campaignHash }).toEqual({ v: 1, h: versions[0].hash });
      expect(unit(t, 'brigade1')).toMatchObject({ rank: 1, categoryRank: 1 });
      expect(unit(t, 'brigade2')).toMatchObject({ rank: 2, categoryRank: 2 });
      expect(unit(t, 'office')).toMatchObject({ rank: 3, categoryRank: 1 });
      // One questionnaire only, three needed: listed with its scores, unranked.
      expect(unit(t, 'law')).toMatchObject({ rank: null, categoryRank: null, flags: ['incomplete', 'small-sample'] });
      expect(unit(t, 'law').total).not.toBeNull();
    });

    it('applies a veto at once and lifts it again; a new version is named by the next tally', async () => {
      await server.admin('/api/v1/admin/campaigns/cat2026/vetoes', { method: 'PUT', body: { vetoes: { brigade1: '发生严重违纪问题' } } });
      let t = await tally();
      expect(unit(t, 'brigade1')).toMatchObject({ rank: null, flags: ['vetoed'] });
      expect(unit(t, 'brigade2')).toMatchObject({ rank: 1, categoryRank: 1 });
      const ranked = t.units.filter((u: { rank: number | null }) => u.rank !== null).length;
      expect(t.units.findIndex((u: { unitId: string }) => u.unitId === 'brigade1')).toBeGreaterThanOrEqual(ranked);

      const retired = { ...C, units: C.units.map((u) => (u.id === 'office' ? { ...u, retired: true } : u)) };
      expect((await server.admin('/api/v1/admin/campaigns/cat2026', { method: 'PUT', body: retired })).body).toEqual({ version: 2 });
      t = await tally();
      const versions = (await server.admin('/api/v1/admin/campaigns/cat2026/versions')).body.versions;
      expect({ v: t.campaignVersion, h: t.campaignHash }).toEqual({ v: 2, h: versions[1].hash });
      expect(unit(t, 'office')).toMatchObject({ rank: null, flags: ['retired'] });

      await server.admin('/api/v1/admin/campaigns/cat2026/vetoes', { method: 'PUT', body: { vetoes: {} } });
      expect(unit(await tally(), 'brigade1')).toMatchObject({ rank: 1 });
    });

    it('exports the version and the vetoes, and the offline verifier recomputes the same tally', async () => {
      await server.admin('/api/v1/admin/campaigns/cat2026/vetoes', { method: 'PUT', body: { vetoes: { brigade2: '拒不整改' } } });
      const text = await (
        await fetch(`${server.url}/api/v1/admin/export?campaignId=cat2026&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      ).text();
      const lines = text.trimEnd().split('\n');
      const parsed = lines.map((l) => JSON.parse(l));
      expect(parsed.find((l) => l.kind === 'vetoes')).toMatchObject({ vetoes: { brigade2: '拒不整改' } });
      expect(parsed.find((l) => l.kind === 'campaign').campaign.version).toBe(2);
      const results = await verifyExportLines(lines);
      expect(results.map((r) => [r.name, r.ok, r.problems])).toContainEqual(['tally', true, []]);
      // Without the veto line, the recomputed tally differs from the signed one.
      const without = await verifyExportLines(lines.filter((l) => !l.startsWith('{"kind":"vetoes"')));
      expect(without.find((r) => r.name === 'tally')!.ok).toBe(false);
      // A campaign line altered after the fact no longer hashes to the tally's campaignHash.
      const altered = lines.map((l) => (l.startsWith('{"kind":"campaign"') ? l.replace('"name":"', '"name":"改') : l));
      expect((await verifyExportLines(altered)).find((r) => r.name === 'tally')!.problems.join(' ')).toContain('campaign hash');
    });

    it('shows last year’s results beside the signed tally when the campaign names the one it follows', async () => {
      expect((await server.admin('/api/v1/admin/campaigns/cat2026/tally')).body.years).toBeUndefined();
      const next: Campaign = { ...C, id: 'cat2027', year: 2027, previous: 'cat2026' };
      expect((await server.admin('/api/v1/admin/campaigns/cat2027', { method: 'PUT', body: next })).status).toBe(201);
      const before = await tally();
      const r = await server.admin('/api/v1/admin/campaigns/cat2027/tally');
      expect(await verifyServerSig(r.body.tally, r.body.serverSig, server.signer.jwk)).toBe(true);
      expect(r.body.tally.years).toBeUndefined();
      expect(r.body.years.campaigns).toEqual([{ campaignId: 'cat2026', year: 2026 }]);
      const b1 = unit(before, 'brigade1');
      expect(r.body.years.units.brigade1.previous).toEqual({
        campaignId: 'cat2026',
        year: 2026,
        rank: b1.rank,
        categoryRank: b1.categoryRank,
        total: b1.total,
      });
    });
  },
);
