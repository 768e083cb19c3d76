import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import { shanghaiDay } from '../../src/domain/review';
import { enrollDevice, type TestDevice } from './device';
import { DEFAULT_AUTH_THROTTLE } from '../../src/server/http/auth-throttle';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, registeredRoutes, storedActions, signIn } from './helpers';
import { send } from './office-fixture';

const backends = await availableBackends();
/** Refusals an address may make before the throttle answers 429: more than there are admin routes. */
const THROTTLE = 200;
const PASSWORD = 'correct horse battery';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);

describe.each(backends.map((b) => [b.name, b] as const))('unit accounts (被评单位) see and answer only their own unit (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let device: TestDevice;
  const cookies: Record<string, string> = {};
  const items: Record<string, string> = {};
  const base = '/api/v1/admin/campaigns/demo/rectifications';

  const call = async (who: string | null, path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) => {
    const change = method !== 'GET';
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(who ? { cookie: cookies[who]! } : {}),
        ...(change ? { 'content-type': 'application/json', origin: server.url } : {}),
        ...headers,
      },
      ...(change ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  };

  beforeAll(async () => {
    place = await backend.create();
    // Room for one refusal per admin route before the throttle answers (the last test reaches it).
    server = await startServer(place, { authThrottle: { ...DEFAULT_AUTH_THROTTLE, maxFailures: THROTTLE } });
    for (const [username, unitId] of [
      ['brigade1.unit', 'brigade1'],
      ['brigade2.unit', 'brigade2'],
    ] as const) {
      const r = await server.admin('/api/v1/admin/users', { body: { username, role: 'unit', unitId, password: PASSWORD } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      cookies[unitId] = await signIn(server, username, PASSWORD);
    }
    // A complaint about brigade1 from a collector the unit must never learn of.
    device = await enrollDevice(server);
    const [stall] = await device.seal([
      device.unsealed('stall', {
        place: '人民广场',
        unitIds: ['brigade1'],
        openedAt: isoTime(server.now() - 3600_000),
        closedAt: isoTime(server.now() - 600_000),
        visitors: 3,
        complaints: [{ unitId: 'brigade1', category: 'attitude', text: '执法人员态度粗暴' }],
      }),
    ]);
    await send(device, [stall!]);
    const { H } = await import('./device');
    const deadline = shanghaiDay(server.now() + 10 * 86_400_000);
    for (const unitId of ['brigade1', 'brigade2']) {
      const r = await server.admin(base, { body: { unitId, problem: `${unitId} 的问题`, sources: unitId === 'brigade1' ? [await H(stall!)] : [], deadline } });
      items[unitId] = r.body.id;
    }
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('binds a unit account to one unit: required for role unit, refused for the others', async () => {
    const noUnit = await server.admin('/api/v1/admin/users', { body: { username: 'x.unit', role: 'unit', password: PASSWORD } });
    expectError(noUnit, 400, 'malformed');
    expect(noUnit.body.path).toBe('/unitId');
    expectError(
      await server.admin('/api/v1/admin/users', { body: { username: 'y.admin', role: 'office-admin', unitId: 'brigade1', password: PASSWORD } }),
      400,
      'malformed',
    );
    expect((await call('brigade1', '/api/v1/session')).body.person).toEqual({ username: 'brigade1.unit', role: 'unit', unitId: 'brigade1' });
  });

  it("lists only its own unit's items, without their sources, the collector or the device", async () => {
    const r = await call('brigade1', '/api/v1/unit/campaigns/demo/rectifications');
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: any) => i.id)).toEqual([items.brigade1]);
    expect(r.body.items[0].sources).toEqual([]);
    expect(r.body.units.map((u: any) => u.unitId)).toEqual(['brigade1']);
    for (const secret of [device.collector, device.deviceId, items.brigade2!]) expect(r.text).not.toContain(secret);
    const feedback = await call('brigade1', '/api/v1/unit/campaigns/demo/feedback');
    expect(feedback.status, feedback.text).toBe(200);
    expect(feedback.body.units.map((u: any) => u.unitId)).toEqual(['brigade1']);
    for (const secret of [device.collector, device.deviceId]) expect(feedback.text).not.toContain(secret);
    expect((await call('brigade1', '/api/v1/unit/campaigns')).body).toMatchObject({ unitId: 'brigade1', campaigns: [{ id: 'demo' }] });
    // Not for the office's token, nor without a session; a campaign must rate the unit.
    expect((await server.admin('/api/v1/unit/campaigns/demo/rectifications')).status).toBe(401);
    expect((await call(null, '/api/v1/unit/campaigns/demo/rectifications')).status).toBe(401);
    expectError(await call('brigade1', '/api/v1/unit/campaigns/nope/rectifications'), 404, 'not-found');
  });

  it('answers its own open items with evidence, logged with who and when; never another unit’s', async () => {
    const answers = `/api/v1/unit/campaigns/demo/rectifications/${items.brigade1}/answers`;
    const up = await call('brigade1', '/api/v1/unit/campaigns/demo/evidence', 'POST', { mime: 'image/jpeg', data: JPEG.toString('base64') });
    expect(up.status, up.text).toBe(201);
    expectError(await call('brigade1', '/api/v1/unit/campaigns/demo/evidence', 'POST', { mime: 'image/png', data: JPEG.toString('base64') }), 400, 'malformed');
    expectError(
      await call('brigade2', '/api/v1/unit/campaigns/demo/evidence', 'POST', { mime: 'image/jpeg', data: JPEG.toString('base64') }),
      400,
      'malformed',
    );
    const plan = await call('brigade1', answers, 'POST', { kind: 'plan', text: '立即开展文明执法培训' });
    expect(plan.status, plan.text).toBe(201);
    const evidence = [{ sha256: up.body.sha256, bytes: JPEG.length, mime: 'image/jpeg', name: '培训现场.jpg' }];
    expect((await call('brigade1', answers, 'POST', { kind: 'progress', text: '已培训 40 人', evidence })).status).toBe(201);
    const notYet = await call('brigade1', answers, 'POST', { kind: 'not-yet', text: '需要采购设备' });
    expectError(notYet, 422, 'invalid-item');
    expect(notYet.body.path).toBe('/by');
    const unknownFile = await call('brigade1', answers, 'POST', { kind: 'progress', text: 'x', evidence: [{ ...evidence[0], sha256: 'a'.repeat(64) }] });
    expectError(unknownFile, 422, 'invalid-item');
    expect(unknownFile.body.path).toBe('/evidence/0/sha256');
    // Another unit's item is not there for it, even by id; another unit cannot use its files.
    expectError(
      await call('brigade1', `/api/v1/unit/campaigns/demo/rectifications/${items.brigade2}/answers`, 'POST', { kind: 'plan', text: 'x' }),
      404,
      'not-found',
    );
    expectError(
      await call('brigade2', `/api/v1/unit/campaigns/demo/rectifications/${items.brigade2}/answers`, 'POST', { kind: 'progress', text: 'x', evidence }),
      422,
      'invalid-item',
    );
    // Cross-site: a change without the console's origin is refused before anything is read.
    expectError(await call('brigade1', answers, 'POST', { kind: 'plan', text: 'x' }, { origin: 'https://evil.example' }), 403, 'bad-origin');

    const item = (await server.admin(base)).body.items.find((i: any) => i.id === items.brigade1);
    expect(item.status).toBe('answered');
    expect(item.answers.map((a: any) => [a.kind, a.actor])).toEqual([
      ['plan', 'brigade1.unit'],
      ['progress', 'brigade1.unit'],
    ]);
    expect(item.answers[1].evidence).toEqual(evidence);
    const file = await fetch(`${server.url}${base}/evidence/${up.body.sha256}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(JPEG);
    const logged = (await storedActions(server, 'demo')).filter((a: any) => a.action.action === 'rectification-answered');
    expect(logged.map((a: any) => [a.action.actor, a.action.data.answer.kind, a.action.data.answer.itemId])).toEqual([
      ['brigade1.unit', 'plan', items.brigade1],
      ['brigade1.unit', 'progress', items.brigade1],
    ]);

    await server.admin(`${base}/${items.brigade1}/close`, { body: { reason: '已整改' } });
    expectError(await call('brigade1', answers, 'POST', { kind: 'done', text: '已完成' }), 409, 'item-closed');
  });
  // Last: refused calls that present a session count against the address (auth-throttle.ts), so
  // after THROTTLE of them the answer is 429 rate-limited, which refuses as well.
  it('refuses a unit account on every admin route the server registers', async () => {
    // The routes as registered, so that a route added later is in the list without anyone adding it.
    const routes = registeredRoutes(server.app).filter(([, path]) => path.startsWith('/api/v1/admin/'));
    const names = routes.map(([m, p]) => `${m} ${p}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v1/admin/campaigns/:id/publication/withdraw',
        'POST /api/v1/admin/campaigns/:id/rectifications/publish',
        'PATCH /api/v1/admin/campaigns/:id/rectifications/:itemId',
        'POST /api/v1/admin/campaigns/:id/manual-scores/from-rectification',
        'GET /api/v1/admin/users',
      ]),
    );
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.length).toBeLessThan(THROTTLE - 10);
    const params: Record<string, string> = { id: 'demo', itemId: items.brigade1!, sha256: '0'.repeat(64), n: '1', username: 'brigade2.unit' };
    for (const [method, path] of routes) {
      const url = path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
      expect(url, path).not.toContain('/x');
      const r = await call('brigade1', url, method, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect([r.status, r.body?.error], `${method} ${path}`).toEqual([401, 'unauthorized']);
    }
    // And with what each change would take from the office.
    const changes: [string, string, unknown][] = [
      ['POST', base, { unitId: 'brigade1', problem: 'x', sources: [], deadline: '2030-01-01' }],
      ['PATCH', `${base}/${items.brigade1}`, { deadline: '2030-01-01' }],
      ['POST', `${base}/${items.brigade1}/close`, { reason: '自己关闭' }],
      ['POST', `${base}/publish`, {}],
      ['POST', '/api/v1/admin/campaigns/demo/publication/withdraw', { reason: '撤回' }],
      ['POST', '/api/v1/admin/campaigns/demo/manual-scores/from-rectification', { part: 'daily', units: ['brigade1'], reason: '自己评分' }],
      ['PUT', '/api/v1/admin/campaigns/demo/manual-scores', { scores: { brigade1: { daily: 100 } }, bonusRanking: [] }],
      ['POST', '/api/v1/admin/users', { username: 'z', role: 'unit', unitId: 'brigade2', password: PASSWORD }],
    ];
    for (const [method, path, body] of changes) expect((await call('brigade1', path, method, body)).status, `${method} ${path}`).toBe(401);
    // Nothing changed: the item stays as the office left it, and no action was logged by the unit since.
    const row = await server.store.db.selectFrom('rect_items').select(['deadline', 'close_reason']).where('id', '=', items.brigade1!).executeTakeFirstOrThrow();
    expect(row.close_reason).toBe('已整改');
    const actors = await server.store.db.selectFrom('office_actions').select('actor').where('actor', '=', 'brigade1.unit').execute();
    expect(actors.length).toBe(2);
    // Each refusal counted against the address: the throttle answers within THROTTLE more.
    let status = 0;
    for (let i = 0; i <= THROTTLE && status !== 429; i++) status = (await call('brigade1', '/api/v1/admin/devices')).status;
    expect(status).toBe(429);
  });
});
