import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { computeTally, effectiveAnswers, reviewedAggregate } from '../../src/domain/scoring';
import { fromHex, H } from '../../src/protocol/canon';
import { checkpointPayload } from '../../src/protocol/export';
import { verifyConsistency, verifyInclusion } from '../../src/protocol/merkle';
import { verifyServerSig } from '../../src/protocol/receipt';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { fieldDay } from './office-fixture';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('office: tally, manual scores, log proofs (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let sent: Awaited<ReturnType<typeof fieldDay>>;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    sent = await fieldDay(server);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('refuses manual scores out of range or naming unknown units and parts, and keeps nothing of them', async () => {
    const put = (body: unknown) => server.admin('/api/v1/admin/campaigns/demo/manual-scores', { method: 'PUT', body });
    expectError(await put({ scores: { brigade1: { network: 101 } }, bonusRanking: [] }), 400, 'malformed');
    expectError(await put({ scores: { nowhere: { network: 50 } }, bonusRanking: [] }), 400, 'malformed');
    const r = await put({ scores: { brigade1: { typo: 50 } }, bonusRanking: [] });
    expectError(r, 400, 'malformed');
    expect(r.body.path).toBe('/scores/brigade1/typo');
    expectError(await put({ scores: {}, bonusRanking: ['brigade1', 'brigade1'] }), 400, 'malformed');
    expect((await server.admin('/api/v1/admin/campaigns/demo/manual-scores')).body).toMatchObject({ scores: {}, bonusRanking: [], version: 0 });
    expectError(await server.admin('/api/v1/admin/campaigns/nope/manual-scores', { method: 'PUT', body: { scores: {} } }), 404, 'not-found');
  });

  it('stores manual scores as versions and keeps the history', async () => {
    const put = (body: unknown) => server.admin('/api/v1/admin/campaigns/demo/manual-scores', { method: 'PUT', body });
    expect((await put({ scores: { brigade1: { network: 80, daily: 90 } }, bonusRanking: ['brigade2'] })).status).toBe(200);
    const second = await put({
      scores: { brigade1: { network: 85, daily: 99.8 }, brigade2: { network: 70, daily: 60 } },
      bonusRanking: ['brigade1', 'brigade2'],
    });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);
    const now = await server.admin('/api/v1/admin/campaigns/demo/manual-scores');
    expect(now.body).toMatchObject({
      scores: { brigade1: { network: 85, daily: 99.8 } },
      bonusRanking: ['brigade1', 'brigade2'],
      version: 2,
      setBy: 'admin-token',
    });
    const history = await server.admin('/api/v1/admin/campaigns/demo/manual-scores/history');
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.body.versions[1].value.scores.brigade1.network).toBe(80);
  });

  it('signs a tally naming the log it counted, equal to one recomputed from the records sent', async () => {
    const r = await server.admin('/api/v1/admin/campaigns/demo/tally');
    expect(r.status).toBe(200);
    const { tally, serverSig } = r.body;
    expect(await verifyServerSig(tally, serverSig, server.signer.jwk)).toBe(true);
    const cp = (await server.admin('/api/v1/log/checkpoint')).body;
    expect({ logSize: tally.logSize, logRoot: tally.logRoot }).toEqual({ logSize: cp.logSize, logRoot: cp.logRoot });
    const manual = (await server.admin('/api/v1/admin/campaigns/demo/manual-scores')).body;
    const { aggregate, counts } = reviewedAggregate(effectiveAnswers(sent.records), () => 'counted');
    const expected = computeTally(DEMO_CAMPAIGN, aggregate, manual, tally, {}, counts);
    expect(tally).toEqual(expected);
    expect(tally.provisional).toBe(false);
    const b1 = tally.units.find((u: { unitId: string }) => u.unitId === 'brigade1');
    // expert 100, public amended to 100, client 60 with one 不了解: 0.3·100 + 0.3·100 + 0.4·60 = 84
    expect(b1.survey.byGroup.client).toEqual({ score: 60, counted: 1, unknown: 1 });
    expect(b1.survey.score).toBeCloseTo(84, 12);
    expect(b1.components.daily).toBe(20); // 99.8 % of 20 + 0.5 bonus, capped
    expect(b1.flags).toEqual(['small-sample']);
    // The voided questionnaire is the only one of `office`: nothing counted.
    expect(tally.units.find((u: { unitId: string }) => u.unitId === 'office').survey.score).toBeNull();
    expect(tally.units[0].unitId).toBe('brigade1');
  });

  it('answers 401 without the token and 404 for an unknown campaign', async () => {
    expectError(
      { status: (await fetch(`${server.url}/api/v1/admin/campaigns/demo/tally`)).status, body: { error: 'unauthorized', message: 'x'.repeat(20) } },
      401,
      'unauthorized',
    );
    const res = await fetch(`${server.url}/api/v1/admin/campaigns/demo/tally`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expectError(await server.admin('/api/v1/admin/campaigns/nope/tally'), 404, 'not-found');
  });

  it('proves inclusion of every record in the signed checkpoint, and consistency between sizes', async () => {
    const cp = (await server.admin('/api/v1/log/checkpoint')).body;
    expect(await verifyServerSig(checkpointPayload(cp.logSize, cp.logRoot), cp.signed, server.signer.jwk)).toBe(true);
    for (const record of sent.records) {
      const hash = await H(record);
      const r = await fetch(`${server.url}/api/v1/log/inclusion?hash=${hash}`);
      expect(r.status).toBe(200);
      const p = await r.json();
      expect(p.logRoot).toBe(cp.logRoot);
      expect(verifyInclusion(p.logIndex, p.logSize, fromHex(p.leafHash), p.proof.map(fromHex), fromHex(cp.logRoot))).toBe(true);
    }
    for (const from of [1, 3, cp.logSize - 1]) {
      const c = await (await fetch(`${server.url}/api/v1/log/consistency?from=${from}&to=${cp.logSize}`)).json();
      expect(c.toRoot).toBe(cp.logRoot);
      expect(verifyConsistency(from, cp.logSize, fromHex(c.fromRoot), fromHex(c.toRoot), c.proof.map(fromHex))).toBe(true);
    }
    const bad = await fetch(`${server.url}/api/v1/log/inclusion?hash=${'0'.repeat(64)}`);
    expect(bad.status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/log/consistency?from=2&to=${cp.logSize + 5}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/log/consistency?from=x`)).status).toBe(400);
  });
});
