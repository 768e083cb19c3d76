import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserCommand } from '../../src/server/office/cli-users';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { fieldDay } from './office-fixture';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('office: people, sessions, data quality, findings (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    await fieldDay(server);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  const signIn = async (username: string, password: string) => {
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, cookie: res.headers.get('set-cookie'), body: await res.json() };
  };
  const withCookie = (cookie: string, path: string, method = 'GET') =>
    method === 'GET'
      ? fetch(server.url + path, { method, headers: { cookie: cookie.split(';')[0]! } })
      : fetch(server.url + path, { method, headers: { cookie: cookie.split(';')[0]!, 'content-type': 'application/json', origin: server.url }, body: '{}' });

  it('creates people only with the admin token, with valid names and passwords', async () => {
    const body = { username: 'li.office', role: 'office-admin', displayName: '李主任', password: 'correct horse battery' };
    expectError(await postJson(`${server.url}/api/v1/admin/users`, body), 401, 'unauthorized');
    expect((await server.admin('/api/v1/admin/users', { body })).status).toBe(201);
    expectError(await server.admin('/api/v1/admin/users', { body }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/users', { body: { ...body, username: 'x2', password: 'short' } }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/users', { body: { ...body, username: 'x3', role: 'boss' } }), 400, 'malformed');
    const list = await server.admin('/api/v1/admin/users');
    expect(list.body.people).toEqual([{ username: 'li.office', role: 'office-admin', displayName: '李主任' }]);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
  });

  it('signs in with a secure HttpOnly SameSite=Strict cookie, and out again', async () => {
    expectError(
      { status: (await signIn('li.office', 'wrong password!')).status, body: (await signIn('li.office', 'wrong password!')).body },
      401,
      'unauthorized',
    );
    expect((await signIn('nobody', 'whatever password')).status).toBe(401);
    const ok = await signIn('li.office', 'correct horse battery');
    expect(ok.status).toBe(200);
    expect(ok.body.person).toEqual({ username: 'li.office', role: 'office-admin', displayName: '李主任' });
    expect(ok.cookie).toMatch(/^pingyi_session=[A-Za-z0-9_-]{43};/);
    expect(ok.cookie).toMatch(/HttpOnly/);
    expect(ok.cookie).toMatch(/Secure/);
    expect(ok.cookie).toMatch(/SameSite=Strict/);
    const me = await withCookie(ok.cookie!, '/api/v1/session');
    expect(await me.json()).toEqual({ person: ok.body.person });
    expect((await withCookie(ok.cookie!, '/api/v1/admin/campaigns/demo/tally')).status).toBe(200);
    expect((await withCookie(ok.cookie!, '/api/v1/session', 'DELETE')).status).toBe(204);
    expect((await withCookie(ok.cookie!, '/api/v1/session')).status).toBe(401);
    expect((await withCookie(ok.cookie!, '/api/v1/admin/campaigns/demo/tally')).status).toBe(401);
  });

  it('lets a coordinator see data quality but not the tally; the CLI creates people too', async () => {
    const out: string[] = [];
    const deps = { store: server.store, now: Date.now, env: {}, stdin: Readable.from(['a coordinator password\n']), print: (l: string) => out.push(l) };
    expect(await createUserCommand(['wang', '--role', 'coordinator', '--name', '王协调员'], deps)).toBe(0);
    expect(await createUserCommand(['wang', '--role', 'coordinator'], { ...deps, env: { PINGYI_PASSWORD: 'another password' } })).toBe(1);
    expect(await createUserCommand(['zhao', '--role', 'king'], { ...deps, env: { PINGYI_PASSWORD: 'another password' } })).toBe(2);
    const { cookie } = await signIn('wang', 'a coordinator password');
    expect((await withCookie(cookie!, '/api/v1/admin/campaigns/demo/tally')).status).toBe(401);
    const q = await withCookie(cookie!, '/api/v1/admin/campaigns/demo/data-quality');
    expect(q.status).toBe(200);
    const body = await q.json();
    expect(body.collectors[0]).toMatchObject({ collector: '张三', questionnaires: 6 });
    expect(body.collectors[0].durationMs).toMatchObject({ median: 42_000, p10: 42_000, p90: 42_000 });
  });

  it('flags bursts and identical answers for review with lower thresholds, deleting nothing', async () => {
    const r = await server.admin('/api/v1/admin/campaigns/demo/data-quality?burstCount=3&identicalMin=2&burstWindowMs=600000');
    expect(r.status).toBe(200);
    const c = r.body.collectors[0];
    expect(c.flags).toEqual(expect.arrayContaining(['bursts', 'short-durations']));
    expect(c.bursts[0].count).toBeGreaterThanOrEqual(3);
    expect((await server.admin('/api/v1/admin/campaigns/demo/data-quality?burstCount=0')).status).toBe(400);
    expect((await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally.units.length).toBe(9);
  });

  it('lists findings with their sealed part as ciphertext', async () => {
    const r = await server.admin('/api/v1/admin/campaigns/demo/findings');
    expect(r.status).toBe(200);
    expect(r.body.findings).toHaveLength(1);
    const f = r.body.findings[0];
    expect(f.record.type).toBe('visit');
    expect(f.record.sealed).toEqual({ alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' });
    expect(f).toMatchObject({ amendments: [], voided: null });
  });
});
