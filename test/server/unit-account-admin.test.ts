import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { runAdmin } from '../../src/server/cli/admin';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, signIn } from './helpers';

// Opening a unit account (被评单位): with the admin CLI (`create-user --unit`) and, in the console,
// by an office admin for a unit of the campaign in view (POST …/unit-accounts). Neither a
// coordinator nor a unit account may open one, and an account only ever names a unit the server knows.

const backends = await availableBackends();
const PASSWORD = 'correct horse battery';

describe.each(backends.map((b) => [b.name, b] as const))('opening unit accounts (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const cookies: Record<string, string> = {};
  const base = '/api/v1/admin/campaigns/demo/unit-accounts';

  const cli = async (argv: string[], password = PASSWORD) => {
    const out: string[] = [];
    const code = await runAdmin(argv, {
      env: { PINGYI_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl, PINGYI_PASSWORD: password },
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    return { code, out: out.join('\n') };
  };
  const signInAs = async (username: string) => {
    cookies[username] = await signIn(server, username, PASSWORD);
  };
  const call = async (who: string, path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { cookie: cookies[who]!, ...(method !== 'GET' ? { 'content-type': 'application/json', origin: server.url } : {}) },
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    // A second campaign whose units the demo campaign's office pages must not reach.
    const other = { ...DEMO_CAMPAIGN, id: 'other', name: '另一活动', units: [{ id: 'elsewhere', name: '别处单位', category: '科室' }] };
    expect((await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: other })).status).toBe(201);
    for (const [username, role] of [
      ['chen.admin', 'office-admin'],
      ['liu.coord', 'coordinator'],
    ] as const) {
      expect((await server.admin('/api/v1/admin/users', { body: { username, role, password: PASSWORD } })).status).toBe(201);
      await signInAs(username);
    }
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('opens a unit account from the admin CLI with --unit, for a unit some campaign has', async () => {
    const made = await cli(['create-user', 'approval.unit', '--unit', 'approval', '--name', '审批窗口']);
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('created unit "approval.unit" for unit "approval"');
    await signInAs('approval.unit');
    const mine = await call('approval.unit', '/api/v1/unit/campaigns');
    expect(mine.body).toMatchObject({ unitId: 'approval', campaigns: [{ id: 'demo', unitName: '行政审批窗口' }] });
    const last = (await storedActions(server)).at(-1);
    expect([last.action.action, last.action.actor, last.action.data]).toEqual([
      'account-created',
      'admin-cli',
      { username: 'approval.unit', role: 'unit', displayName: '审批窗口', unitId: 'approval' },
    ]);

    const unknown = await cli(['create-user', 'ghost.unit', '--unit', 'ghost']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain('no campaign on this server has a unit "ghost"');
    const badId = await cli(['create-user', 'dots.unit', '--unit', '../x']);
    expect(badId.code).not.toBe(0);
    expect((await cli(['create-user', 'mixed', '--role', 'coordinator', '--unit', 'approval'])).out).toContain('only a unit account names a unit');
    expect((await cli(['create-user', 'short.unit', '--unit', 'approval'], 'short')).code).not.toBe(0);
    const people = (await server.admin('/api/v1/admin/users')).body.people.map((p: { username: string }) => p.username);
    expect(people).not.toContain('ghost.unit');
    expect(people).not.toContain('mixed');
    // The admin token's route checks the unit the same way.
    expectError(
      await server.admin('/api/v1/admin/users', { body: { username: 'ghost2', role: 'unit', unitId: 'ghost', password: PASSWORD } }),
      400,
      'malformed',
    );
  });

  it('lets an office admin open an account for a unit of the campaign, logged with their name', async () => {
    const made = await call('chen.admin', base, 'POST', { username: 'brigade1.unit', unitId: 'brigade1', password: PASSWORD, displayName: '一大队' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.person).toEqual({ username: 'brigade1.unit', role: 'unit', displayName: '一大队', unitId: 'brigade1' });
    const last = (await storedActions(server)).at(-1);
    expect([last.action.action, last.action.actor]).toEqual(['account-created', 'chen.admin']);
    const listed = await call('chen.admin', base);
    expect(listed.body.accounts.map((a: { username: string }) => a.username)).toEqual(['approval.unit', 'brigade1.unit']);
    expect(JSON.stringify(listed.body)).not.toContain('password');
    // The other campaign's list holds only its own units' accounts.
    expect((await call('chen.admin', '/api/v1/admin/campaigns/other/unit-accounts')).body.accounts).toEqual([]);
    await signInAs('brigade1.unit');
    expect((await call('brigade1.unit', '/api/v1/unit/campaigns')).body.unitId).toBe('brigade1');
  });

  it('refuses coordinators, unit accounts, other campaigns’ units, bad ids and oversized fields', async () => {
    const body = { username: 'x.unit', unitId: 'brigade2', password: PASSWORD };
    expectError(await call('liu.coord', base, 'POST', body), 401, 'unauthorized');
    expectError(await call('liu.coord', base), 401, 'unauthorized');
    expectError(await call('brigade1.unit', base, 'POST', body), 401, 'unauthorized');
    expectError(await call('brigade1.unit', base), 401, 'unauthorized');
    const refused = async (b: unknown, path: string) => {
      const r = await call('chen.admin', base, 'POST', b);
      expectError(r, 400, 'malformed');
      expect(r.body.path).toBe(path);
    };
    await refused({ ...body, unitId: 'elsewhere' }, '/unitId'); // a unit of another campaign
    await refused({ ...body, unitId: '../../x' }, '/unitId');
    await refused({ ...body, unitId: 'u'.repeat(65) }, '/unitId');
    await refused({ ...body, username: 'x'.repeat(65) }, '/username');
    await refused({ ...body, username: '王五' }, '/username');
    await refused({ ...body, password: 'p'.repeat(201) }, '/password');
    await refused({ ...body, displayName: '名'.repeat(101) }, '/displayName');
    await refused({ ...body, role: 'office-admin' }, '');
    await refused({ ...body, username: 'brigade1.unit' }, '/username'); // taken
    expectError(await call('chen.admin', '/api/v1/admin/campaigns/nope/unit-accounts', 'POST', body), 404, 'not-found');
    const people = (await server.admin('/api/v1/admin/users')).body.people.map((p: { username: string }) => p.username);
    expect(people).not.toContain('x.unit');
    expect(people.filter((u: string) => u === 'brigade1.unit')).toHaveLength(1);
  });
});
