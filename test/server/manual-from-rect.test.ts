import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import { shanghaiDay } from '../../src/domain/review';
import { replayDecisions } from '../../src/server/office/verify/decisions';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions } from './helpers';
import { OTHER_CAMPAIGN, send } from './office-fixture';

// A manual part (整改落实, `"from": "manual"`) filled from the units' 整改 completion rates: an office
// action with a reason, replayed and checked by npm run verify (PROTOCOL.md "Office side").
const backends = await availableBackends();
const DAY = 86_400_000;

describe.each(backends.map((b) => [b.name, b] as const))('manual part filled from the completion rate (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let device: TestDevice;
  const rect = '/api/v1/admin/campaigns/demo/rectifications';
  const manual = '/api/v1/admin/campaigns/demo/manual-scores';
  const fill = (body: unknown, campaign = 'demo') => server.admin(`/api/v1/admin/campaigns/${campaign}/manual-scores/from-rectification`, { body });
  const item = async (unitId: string) => {
    const r = await server.admin(rect, { body: { unitId, problem: `${unitId} 的问题`, sources: [], deadline: shanghaiDay(server.now() + 10 * DAY) } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    expect((await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: OTHER_CAMPAIGN })).status).toBeLessThan(300);
    device = await enrollDevice(server);
    // brigade1: three items, one closed, one verified by a 回头看, one open → 2 of 3; brigade2: one open item → 0 of 1.
    const [closed, verified] = [await item('brigade1'), await item('brigade1')];
    await item('brigade1');
    await item('brigade2');
    expect((await server.admin(`${rect}/${closed}/close`, { body: { reason: '已核实整改' } })).status).toBe(200);
    const [f] = await device.seal([
      device.unsealed('followup', { itemId: verified, unitId: 'brigade1', verdict: 'fixed', note: '已整改到位', visitedAt: isoTime(server.now() - 60_000) }),
    ]);
    await send(device, [f!]);
    // Figures entered by hand before, which the fill keeps.
    const put = await server.admin(manual, { method: 'PUT', body: { scores: { brigade1: { network: 70 }, office: { daily: 90 } }, bonusRanking: ['office'] } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('takes a reason with hand-entered figures, logs it with them, and answers it with the figures in force', async () => {
    const r = await server.admin(manual, {
      method: 'PUT',
      body: { scores: { brigade1: { network: 72 }, office: { daily: 90 } }, bonusRanking: ['office'], reason: '网络测评复核' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ reason: '网络测评复核' });
    const got = await server.admin(manual);
    expect(got.body).toMatchObject({ scores: { brigade1: { network: 72 } }, reason: '网络测评复核', version: r.body.version });
    expect(got.body.fromRectification).toBeUndefined();
    const last = (await storedActions(server, 'demo')).filter((a) => a.action.action === 'manual-scores').at(-1)!.action;
    expect(last.data).toMatchObject({ version: r.body.version, reason: '网络测评复核' });
  });

  it('fills the part from 100 × (verified + closed) / items, keeps every other figure, and logs the reason and the counts', async () => {
    const before = (await server.admin(manual)).body;
    const r = await fill({ part: 'daily', units: ['brigade1', 'brigade2'], reason: '整改落实按完成率计' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.fromRectification).toEqual({
      part: 'daily',
      units: { brigade1: { done: 2, total: 3, value: 66.67 }, brigade2: { done: 0, total: 1, value: 0 } },
    });
    expect(r.body.version).toBe(before.version + 1);
    const got = (await server.admin(manual)).body;
    expect(got.scores).toEqual({ brigade1: { network: 72, daily: 66.67 }, brigade2: { daily: 0 }, office: { daily: 90 } });
    expect(got.bonusRanking).toEqual(['office']);
    expect(got).toMatchObject({ reason: '整改落实按完成率计', fromRectification: r.body.fromRectification, setBy: 'admin-token' });
    const last = (await storedActions(server, 'demo')).filter((a) => a.action.action === 'manual-scores').at(-1)!.action;
    expect(last.data).toEqual({
      version: r.body.version,
      scores: got.scores,
      bonusRanking: ['office'],
      reason: '整改落实按完成率计',
      fromRectification: r.body.fromRectification,
    });
    // The tally takes the filled figure like any manual one: daily max 20 × 66.67 %.
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    expect(tally.units.find((u: any) => u.unitId === 'brigade1').components.daily).toBeCloseTo(20 * 0.6667, 6);
  });

  it('refuses, with the path and nothing stored, what an attacker might send', async () => {
    const versionBefore = (await server.admin(manual)).body.version;
    const actionsBefore = (await storedActions(server)).length;
    const ok = { part: 'daily', units: ['brigade1'], reason: '按完成率' };
    const refused: [unknown, number, string, string][] = [
      [{ ...ok, reason: undefined }, 400, 'malformed', '/reason'],
      [{ ...ok, reason: '   ' }, 400, 'malformed', '/reason'],
      [{ ...ok, reason: 'x'.repeat(2001) }, 400, 'malformed', '/reason'],
      [{ ...ok, reason: 'a\u0000b' }, 400, 'malformed', '/reason'],
      [{ ...ok, reason: 'a\uD800b' }, 400, 'malformed', '/reason'],
      [{ ...ok, reason: 7 }, 400, 'malformed', '/reason'],
      [{ ...ok, part: 'public' }, 400, 'malformed', '/part'], // a component, not a manual part
      [{ ...ok, part: 'survey' }, 400, 'malformed', '/part'],
      [{ ...ok, part: '__proto__' }, 400, 'malformed', '/part'],
      [{ ...ok, units: [] }, 400, 'malformed', '/units'],
      [{ ...ok, units: ['brigade1', 'nope'] }, 400, 'malformed', '/units/1'],
      [{ ...ok, units: ['brigade1', 'brigade1'] }, 400, 'malformed', '/units/1'],
      [{ ...ok, units: ['__proto__'] }, 400, 'malformed', '/units/0'],
      [{ ...ok, units: 'brigade1' }, 400, 'malformed', '/units'],
      [{ ...ok, units: Array.from({ length: 500 }, () => 'brigade1') }, 400, 'malformed', '/units'],
      [{ ...ok, value: 100 }, 400, 'malformed', ''], // a figure is never sent: it is the server's to compute
      [[ok], 400, 'malformed', ''],
      // A unit without any item has no completion rate (office has none).
      [{ ...ok, units: ['brigade1', 'office'] }, 422, 'invalid-decision', '/units/1'],
    ];
    for (const [body, status, error, path] of refused) {
      const r = await fill(body);
      expectError(r, status, error);
      expect(r.body.path, JSON.stringify(body).slice(0, 80)).toBe(path);
    }
    // A unit of this campaign's items but named on another campaign (no items there) is refused too.
    expectError(await fill(ok, 'other'), 422, 'invalid-decision');
    expectError(await fill(ok, 'nope'), 404, 'not-found');
    // The plain PUT bounds its reason the same way.
    for (const reason of ['', ' ', 'x'.repeat(2001), 5, null]) {
      const r = await server.admin(manual, { method: 'PUT', body: { scores: {}, bonusRanking: [], reason } });
      expectError(r, 400, 'malformed');
      expect(r.body.path).toBe('/reason');
    }
    expect((await server.admin(manual)).body.version).toBe(versionBefore);
    expect((await storedActions(server)).length).toBe(actionsBefore);
  });

  it('is refused to a coordinator and without credentials', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/campaigns/demo/manual-scores/from-rectification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ part: 'daily', units: ['brigade1'], reason: 'x' }),
    });
    expect(res.status).toBe(401);
  });

  it('is replayed by npm run verify, which names a fill whose counts or figure the log does not bear out', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const lines = (await res.text()).trim().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
    const actions = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === 'action')
      .map((l) => ({ logIdx: l.logIdx, action: l.action }));
    const filled = actions.filter((a) => a.action.action === 'manual-scores' && a.action.data.fromRectification).at(-1)!;
    const forge = (data: Record<string, unknown>) => {
      const problems: string[] = [];
      const state = {
        header: { campaignId: 'demo' },
        actions: [...actions, { logIdx: 1e9, action: { ...filled.action, data: { ...filled.action.data, ...data } } }],
      };
      replayDecisions(state as never, problems);
      return problems;
    };
    const fr = filled.action.data.fromRectification;
    const scores = filled.action.data.scores;
    expect(forge({})).toEqual([]);
    // One more item than the log created, fewer done than it closed, a figure that is not 100 × done / total.
    expect(forge({ fromRectification: { ...fr, units: { brigade1: { done: 2, total: 4, value: 50 } } } })).toEqual([
      expect.stringContaining('not what the log holds'),
    ]);
    expect(
      forge({ fromRectification: { ...fr, units: { brigade1: { done: 0, total: 3, value: 0 } }, scores: { ...scores, brigade1: { daily: 0 } } } }),
    ).toEqual([expect.stringContaining('not what the log holds')]);
    expect(forge({ fromRectification: { ...fr, units: { brigade1: { done: 2, total: 3, value: 90 } } } })).toEqual([
      expect.stringContaining('is not 100 × 2 / 3'),
    ]);
    expect(forge({ scores: { ...scores, brigade1: { network: 72, daily: 95 } } })).toEqual([expect.stringContaining('is not 100 × 2 / 3')]);
    expect(forge({ reason: undefined })).toEqual([expect.stringContaining('without a reason')]);
    expect(forge({ reason: ' ' })).toEqual([expect.stringContaining('a reason that is not one')]);
  });
});
