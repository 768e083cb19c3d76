import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/protocol/canon';
import { enrollDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { signIn } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('console people on the core admin routes (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    for (const [username, role] of [
      ['wang.admin', 'office-admin'],
      ['zhao.coord', 'coordinator'],
    ] as const) {
      const body = { username, role, displayName: username, password: 'correct horse battery' };
      expect((await server.admin('/api/v1/admin/users', { body })).status).toBe(201);
      cookies[role] = await signIn(server, username, body.password);
    }
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  // As the console calls: every change as JSON from the server's own origin.
  const call = (role: string | null, path: string, method = 'GET', body?: unknown) => {
    const change = method !== 'GET';
    return fetch(server.url + path, {
      method,
      headers: { ...(role ? { cookie: cookies[role]! } : {}), ...(change ? { 'content-type': 'application/json', origin: server.url } : {}) },
      ...(change ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  };

  it('lets an office admin list devices, issue enrollment codes and read records with a session', async () => {
    expect((await call('office-admin', '/api/v1/admin/devices')).status).toBe(200);
    expect((await call('office-admin', '/api/v1/admin/records?campaignId=demo')).status).toBe(200);
    const code = await call('office-admin', '/api/v1/admin/enrollment-codes', 'POST', { campaignId: 'demo', role: 'inspector', collector: '李四' });
    expect(code.status).toBe(201);
  });

  it('lets a coordinator read devices and campaigns but change nothing', async () => {
    expect((await call('coordinator', '/api/v1/admin/devices')).status).toBe(200);
    expect((await call('coordinator', '/api/v1/admin/campaigns')).status).toBe(200);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo')).status).toBe(200);
    expect((await call('coordinator', '/api/v1/admin/records')).status).toBe(401);
    const code = await call('coordinator', '/api/v1/admin/enrollment-codes', 'POST', { campaignId: 'demo', role: 'inspector', collector: '李四' });
    expect(code.status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/devices/nope/revoke', 'POST')).status).toBe(401);
  });

  it('hands an office admin a stored photo by its hash, bytes unchanged', async () => {
    const d = await enrollDevice(server);
    const data = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
    const sha = await sha256Hex(data);
    expect((await d.uploadBlob(data)).status).toBe(201);
    const res = await call('office-admin', `/api/v1/admin/blobs/${sha}`);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(data);
    expect((await call('office-admin', `/api/v1/admin/blobs/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await call('coordinator', `/api/v1/admin/blobs/${sha}`)).status).toBe(401);
  });

  it('refuses the admin routes without a session or token', async () => {
    const res = await call(null, '/api/v1/admin/devices');
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('unauthorized');
  });
});
