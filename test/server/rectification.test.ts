import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import { shanghaiDay } from '../../src/domain/review';
import { signCampaignFetch, signRectificationsFetch } from '../../src/protocol/build';
import { enrollDevice, H, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, signIn } from './helpers';
import { OTHER_CAMPAIGN, send } from './office-fixture';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { replayDecisions } from '../../src/server/office/verify/decisions';

const backends = await availableBackends();
const DAY = 86_400_000;

describe.each(backends.map((b) => [b.name, b] as const))('rectification items, 回头看 follow-ups and the tablet fetch (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let device: TestDevice;
  let otherDevice: TestDevice;
  let complaintHash: string;
  let otherHash: string;
  const base = '/api/v1/admin/campaigns/demo/rectifications';
  const list = async (query = '') => {
    const r = await server.admin(base + query);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const create = (body: unknown) => server.admin(base, { body });
  const today = () => shanghaiDay(server.now());
  const dayOffset = (days: number) => shanghaiDay(server.now() + days * DAY);
  const tabletFetch = async (d: TestDevice, campaignId = 'demo', sig?: string) => {
    const res = await fetch(`${server.url}/api/v1/campaigns/${campaignId}/rectifications`, {
      headers: { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': sig ?? (await signRectificationsFetch(d, campaignId)) },
    });
    return { status: res.status, body: await res.json() };
  };
  const followup = (d: TestDevice, body: Record<string, unknown>) =>
    d.unsealed('followup', { verdict: 'fixed', note: '已整改到位', visitedAt: isoTime(server.now() - 60_000), ...body });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    expect((await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: OTHER_CAMPAIGN })).status).toBeLessThan(300);
    device = await enrollDevice(server);
    otherDevice = await enrollDevice(server, 'Ed25519', 'other');
    const [stall] = await device.seal([
      device.unsealed('stall', {
        place: '人民广场',
        unitIds: ['brigade1'],
        openedAt: isoTime(server.now() - 3600_000),
        closedAt: isoTime(server.now() - 600_000),
        visitors: 12,
        complaints: [{ unitId: 'brigade1', category: 'attitude', text: '执法人员态度粗暴' }],
      }),
    ]);
    await send(device, [stall!]);
    complaintHash = await H(stall!);
    const [o] = await otherDevice.seal([otherDevice.f2f()]);
    await send(otherDevice, [o!]);
    otherHash = await H(o!);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('creates an item from a record of the campaign, logs it as an office action and lists it as open', async () => {
    const input = {
      unitId: 'brigade1',
      problem: '执法态度粗暴',
      sources: [complaintHash],
      measures: '开展文明执法培训',
      responsible: '王队长',
      deadline: dayOffset(30),
    };
    const r = await create(input);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { items, units } = await list();
    const item = items.find((i: any) => i.id === r.body.id);
    expect(item).toMatchObject({ ...input, status: 'open', overdue: false, daysOverdue: 0, answers: [], followups: [], createdBy: 'admin-token' });
    expect(units.find((u: any) => u.unitId === 'brigade1')).toMatchObject({ total: 1, open: 1, overdue: 0, completionRate: 0 });
    const actions = await storedActions(server, 'demo');
    expect(actions.at(-1).action).toMatchObject({
      action: 'rectification-created',
      campaignId: 'demo',
      actor: 'admin-token',
      data: { item: { id: r.body.id, ...input } },
    });
  });

  it('refuses what is not an item of this campaign, with its path, and stores nothing', async () => {
    const before = (await list()).items.length;
    const actionsBefore = (await storedActions(server)).length;
    const good = { unitId: 'brigade1', problem: '问题', sources: [complaintHash], deadline: dayOffset(10) };
    const cases: [unknown, string][] = [
      [{ ...good, unitId: 'nope' }, '/unitId'],
      [{ ...good, unitId: '../x' }, '/unitId'],
      [{ ...good, sources: [otherHash] }, '/sources/0'],
      [{ ...good, sources: [complaintHash, 'f'.repeat(64)] }, '/sources/1'],
      [{ ...good, sources: ['NOTAHASH'] }, '/sources/0'],
      [{ ...good, deadline: '2026-02-30' }, '/deadline'],
      [{ ...good, deadline: '2026-1-3' }, '/deadline'],
      [{ ...good, problem: '   ' }, '/problem'],
      [{ ...good, responsible: 'x'.repeat(201) }, '/responsible'],
      [{ ...good, extra: 1 }, ''],
      [{ ...good, sources: Array.from({ length: 201 }, () => complaintHash) }, '/sources'],
      [[good], ''],
    ];
    for (const [body, path] of cases) {
      const r = await create(body);
      expectError(r, 422, 'invalid-item');
      expect(r.body.path, JSON.stringify(body).slice(0, 80)).toBe(path);
    }
    expectError(await server.admin('/api/v1/admin/campaigns/nope/rectifications', { body: good }), 404, 'not-found');
    // The HTTP layer refuses a NUL and text over 2,000 characters before any store sees them.
    expectError(await create({ ...good, problem: 'a\u0000b' }), 400, 'malformed');
    expectError(await create({ ...good, problem: '问'.repeat(2001) }), 400, 'malformed');
    expect((await list()).items.length).toBe(before);
    expect((await storedActions(server)).length).toBe(actionsBefore);
  });

  it('changes an item (never its unit), closes it with a reason, and then takes no more changes', async () => {
    const { body } = await create({ unitId: 'office', problem: '窗口服务差', sources: [], deadline: dayOffset(5) });
    const path = `${base}/${body.id}`;
    expect((await server.admin(path, { method: 'PATCH', body: { deadline: dayOffset(20), measures: '增设窗口' } })).status).toBe(200);
    const patchedUnit = await server.admin(path, { method: 'PATCH', body: { unitId: 'law' } });
    expectError(patchedUnit, 422, 'invalid-item');
    expectError(await server.admin(path, { method: 'PATCH', body: {} }), 422, 'invalid-item');
    expectError(await server.admin(`${base}/nope`, { method: 'PATCH', body: { measures: 'x' } }), 404, 'not-found');
    expect((await list()).items.find((i: any) => i.id === body.id)).toMatchObject({ unitId: 'office', deadline: dayOffset(20), measures: '增设窗口' });

    expectError(await server.admin(`${path}/close`, { body: { reason: '' } }), 422, 'invalid-item');
    expect((await server.admin(`${path}/close`, { body: { reason: '经核实已整改' } })).status).toBe(200);
    const closed = (await list()).items.find((i: any) => i.id === body.id);
    expect(closed).toMatchObject({ status: 'closed', closeReason: '经核实已整改', closedBy: 'admin-token', overdue: false });
    expectError(await server.admin(`${path}/close`, { body: { reason: '再次关闭' } }), 409, 'item-closed');
    expectError(await server.admin(path, { method: 'PATCH', body: { measures: 'y' } }), 409, 'item-closed');
    const kinds = (await storedActions(server, 'demo')).slice(-2).map((a: any) => [a.action.action, a.action.data]);
    expect(kinds).toEqual([
      ['rectification-changed', { id: body.id, change: { deadline: dayOffset(20), measures: '增设窗口' } }],
      ['rectification-closed', { id: body.id, reason: '经核实已整改' }],
    ]);
    // An item of demo is not one of another campaign.
    expectError(await server.admin(`/api/v1/admin/campaigns/other/rectifications/${body.id}/close`, { body: { reason: 'x' } }), 404, 'not-found');
  });

  it('puts overdue items first (Asia/Shanghai days) and counts them per unit', async () => {
    const late = await create({ unitId: 'law', problem: '逾期问题', sources: [], deadline: dayOffset(-3) });
    const dueToday = await create({ unitId: 'law', problem: '今日到期', sources: [], deadline: today() });
    const { items, units } = await list();
    expect(items[0]).toMatchObject({ id: late.body.id, overdue: true, daysOverdue: 3, status: 'open' });
    expect(items.find((i: any) => i.id === dueToday.body.id)).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect(units.find((u: any) => u.unitId === 'law')).toMatchObject({ total: 2, open: 2, overdue: 1, maxDaysOverdue: 3 });
    expect((await list('?unitId=law&status=open')).items.map((i: any) => i.id)).toEqual([late.body.id, dueToday.body.id]);
    expect((await list('?status=closed')).items.every((i: any) => i.status === 'closed')).toBe(true);
    expectError(await server.admin(`${base}?status=done`), 400, 'malformed');
  });

  it('lets an enrolled device of the campaign fetch the items not closed, signed for that purpose only', async () => {
    const r = await tabletFetch(device);
    expect(r.status).toBe(200);
    const all = (await list()).items;
    expect(r.body.items.map((i: any) => i.id).sort()).toEqual(
      all
        .filter((i: any) => i.status !== 'closed')
        .map((i: any) => i.id)
        .sort(),
    );
    expect(Object.keys(r.body.items[0]).sort()).toEqual(['deadline', 'id', 'problem', 'unitId']);
    // A campaign-fetch signature is not a rectifications-fetch signature.
    expectError(await tabletFetch(device, 'demo', await signCampaignFetch(device, 'demo')), 401, 'bad-signature');
    expectError(await tabletFetch(device, 'other', await signRectificationsFetch(device, 'other')), 404, 'not-found');
    const res = await fetch(`${server.url}/api/v1/campaigns/demo/rectifications`);
    expectError({ status: res.status, body: await res.json() }, 401, 'unknown-device');
    expect((await tabletFetch(otherDevice, 'other')).body.items).toEqual([]);
  });

  it('takes follow-ups of known items of the unit, refuses others with their path, and shows them on the item', async () => {
    const { body } = await create({ unitId: 'brigade2', problem: '乱停车', sources: [], deadline: dayOffset(-1) });
    const refused: [Record<string, unknown>, string][] = [
      [{ itemId: 'no-such-item', unitId: 'brigade2' }, '/body/itemId'],
      [{ itemId: body.id, unitId: 'brigade1' }, '/body/unitId'],
      [{ itemId: body.id, unitId: 'nope' }, '/body/unitId'],
      [{ itemId: body.id, unitId: 'brigade2', verdict: 'maybe' }, '/body/verdict'],
      [{ itemId: body.id, unitId: 'brigade2', note: 'x'.repeat(2001) }, '/body/note'],
    ];
    for (const [b, path] of refused) {
      const d = await enrollDevice(server);
      const r = await d.send(await d.batch(await d.seal([followup(d, b)])));
      expectError(r, 422, 'invalid-record');
      expect(r.body.path).toBe(path);
    }
    // The item of another campaign is unknown to this one.
    const otherItem = await server.admin('/api/v1/admin/campaigns/other/rectifications', {
      body: { unitId: 'brigade2', problem: '他案', sources: [], deadline: dayOffset(3) },
    });
    const d = await enrollDevice(server);
    const wrongCampaign = await d.send(await d.batch(await d.seal([followup(d, { itemId: otherItem.body.id, unitId: 'brigade2' })])));
    expect(wrongCampaign.body).toMatchObject({ error: 'invalid-record', path: '/body/itemId' });

    const [partly] = await device.seal([
      followup(device, { itemId: body.id, unitId: 'brigade2', verdict: 'partly', visitedAt: isoTime(server.now() - 120_000) }),
    ]);
    await send(device, [partly!]);
    let item = (await list()).items.find((i: any) => i.id === body.id);
    expect(item).toMatchObject({ status: 'open', overdue: true, followups: [{ hash: await H(partly!), verdict: 'partly', note: '已整改到位' }] });

    const [fixed] = await device.seal([followup(device, { itemId: body.id, unitId: 'brigade2', verdict: 'fixed' })]);
    await send(device, [fixed!]);
    item = (await list()).items.find((i: any) => i.id === body.id);
    expect(item).toMatchObject({ status: 'verified', overdue: false, daysOverdue: 0 });
    expect(item.followups.map((f: any) => f.verdict)).toEqual(['partly', 'fixed']);

    // An amend of the follow-up changes its verdict; a void removes it.
    const [amend] = await device.seal([
      device.unsealed('amend', { targetId: fixed!.id, targetHash: await H(fixed!), reason: '误选', body: { ...fixed!.body, verdict: 'not-fixed' } }),
    ]);
    await send(device, [amend!]);
    item = (await list()).items.find((i: any) => i.id === body.id);
    expect(item.followups.map((f: any) => f.verdict)).toEqual(['partly', 'not-fixed']);
    expect(item.status).toBe('open');
    const [voided] = await device.seal([device.unsealed('void', { targetId: partly!.id, targetHash: await H(partly!), reason: '重复' })]);
    await send(device, [voided!]);
    item = (await list()).items.find((i: any) => i.id === body.id);
    expect(item.followups.map((f: any) => f.verdict)).toEqual(['not-fixed']);
    // An amend may not move the follow-up to another unit than its item's.
    const [badAmend] = await device.seal([
      device.unsealed('amend', { targetId: fixed!.id, targetHash: await H(fixed!), reason: '改', body: { ...fixed!.body, unitId: 'brigade1' } }),
    ]);
    const r = await device.send(await device.batch([badAmend!]));
    expect(r.body).toMatchObject({ error: 'invalid-record', path: '/body/body/unitId' });
  });

  it('lets a coordinator read the items but not create, change or close them', async () => {
    const password = 'correct horse battery';
    expect((await server.admin('/api/v1/admin/users', { body: { username: 'zhao.coord', role: 'coordinator', password } })).status).toBe(201);
    const cookie = await signIn(server, 'zhao.coord', password);
    const call = (path: string, method = 'GET', body?: unknown) =>
      fetch(server.url + path, {
        method,
        headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json', origin: server.url }) },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
    expect((await call(base)).status).toBe(200);
    const item = (await list()).items.find((i: any) => i.status === 'open');
    expect((await call(base, 'POST', { unitId: 'law', problem: 'x', sources: [], deadline: today() })).status).toBe(401);
    expect((await call(`${base}/${item.id}`, 'PATCH', { measures: 'x' })).status).toBe(401);
    expect((await call(`${base}/${item.id}/close`, 'POST', { reason: 'x' })).status).toBe(401);
    expect((await fetch(server.url + base)).status).toBe(401);
  });

  it('goes into the verifiable export, whose replay rebuilds every item from the log; an action on an unknown or closed item is named', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const lines = (await res.text()).trim().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
    expect(results.find((r) => r.name === 'office decisions')!.detail).toContain('rectification-created');
    const state = {
      header: { campaignId: 'demo' },
      actions: lines
        .map((l) => JSON.parse(l))
        .filter((l) => l.kind === 'action')
        .map((l) => ({ logIdx: l.logIdx, action: l.action })),
    };
    const problems: string[] = [];
    const { decisions } = replayDecisions(state as never, problems);
    expect(problems).toEqual([]);
    const listed = (await list()).items;
    expect([...decisions.rect.keys()].sort()).toEqual(listed.map((i: any) => i.id).sort());
    expect(
      [...decisions.rect]
        .filter(([, i]) => i.closed)
        .map(([id]) => id)
        .sort(),
    ).toEqual(
      listed
        .filter((i: any) => i.status === 'closed')
        .map((i: any) => i.id)
        .sort(),
    );
    // A close replayed twice, or of an item never created, is named.
    const close = state.actions.find((a: any) => a.action.action === 'rectification-closed')!;
    const twice = {
      header: state.header,
      actions: [...state.actions, { ...close, logIdx: 1e9 }, { logIdx: 1e9 + 1, action: { ...close.action, data: { id: 'ghost', reason: 'x' } } }],
    };
    const again: string[] = [];
    replayDecisions(twice as never, again);
    expect(again).toEqual([expect.stringContaining('was closed before'), expect.stringContaining('which no earlier action created')]);
  });
});
