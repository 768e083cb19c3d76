import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { PROTOCOL, canon, toHex } from '../../src/protocol/canon';
import { appendLeaf, emptyFrontier, frontierRoot, leafHash, type Frontier } from '../../src/protocol/merkle';
import { verifyServerSig } from '../../src/protocol/receipt';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openStore } from '../../src/server/store/kysely-store';
import type { Store } from '../../src/server/store/types';
import { ADMIN_TOKEN_FILE, SERVER_KEY_FILE, loadAdminToken, loadServerSigner } from '../../src/server/secrets';
import { enrollDevice, f2fs } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('office core routes (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('holds the demo campaign from the first start', async () => {
    const r = await server.admin('/api/v1/admin/campaigns/demo');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...DEMO_CAMPAIGN, version: 1 });
    expect((await server.admin('/api/v1/admin/campaigns')).body.campaigns.map((c: any) => c.id)).toContain('demo');
  });

  it('creates (201) and replaces (200) campaigns, refusing invalid definitions with a path', async () => {
    const c = { ...DEMO_CAMPAIGN, id: 'c2026', name: '2026 年评议' };
    expect((await server.admin('/api/v1/admin/campaigns/c2026', { method: 'PUT', body: c })).status).toBe(201);
    const replaced = await server.admin('/api/v1/admin/campaigns/c2026', { method: 'PUT', body: { ...c, name: '改名' } });
    expect(replaced.status).toBe(200);
    expect((await server.admin('/api/v1/admin/campaigns/c2026')).body.name).toBe('改名');
    const bad = await server.admin('/api/v1/admin/campaigns/c2026', { method: 'PUT', body: { ...c, raterGroups: [{ id: 'a', label: 'A', weight: 0.5 }] } });
    expectError(bad, 400, 'malformed');
    expect(bad.body.path).toBe('/raterGroups');
    expectError(await server.admin('/api/v1/admin/campaigns/other-id', { method: 'PUT', body: c }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/none'), 404, 'not-found');
    const anon = await fetch(`${server.url}/api/v1/admin/campaigns`);
    expectError({ status: anon.status, body: await anon.json() }, 401, 'unauthorized');
  });

  it('publishes its key and a signed checkpoint of the audit log', async () => {
    const key = await (await fetch(`${server.url}/api/v1/server-key`)).json();
    expect(key).toEqual({ alg: 'Ed25519', jwk: server.signer.jwk, keyId: server.signer.keyId });
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 3));
    const answer = await expectReceipt(server, await d.send(batch), batch, 'accepted', 3);
    const cp = await (await fetch(`${server.url}/api/v1/log/checkpoint`)).json();
    expect(cp).toMatchObject({ logSize: answer.receipt.logSize, logRoot: answer.receipt.logRoot });
    expect(await verifyServerSig({ protocol: PROTOCOL, purpose: 'checkpoint', logSize: cp.logSize, logRoot: cp.logRoot }, cp.signed, key.jwk)).toBe(true);
    expect(await verifyServerSig({ protocol: PROTOCOL, purpose: 'checkpoint', logSize: cp.logSize + 1, logRoot: cp.logRoot }, cp.signed, key.jwk)).toBe(false);
    // The root is the RFC 6962 root of canon(record) of every record in acceptance order,
    // recomputed here with the portable hashing of src/protocol/merkle.ts.
    // Office actions (the enrollment code issued) are leaves too: both listings give every leaf.
    const records = (await server.admin('/api/v1/admin/records?limit=1000')).body.records;
    const actions = (await server.admin('/api/v1/admin/office-actions?limit=1000')).body.actions;
    const leaves = [...records.map((r: any) => [r.logIndex, r.record]), ...actions.map((a: any) => [a.logIndex, a.action])].sort((a, b) => a[0] - b[0]);
    expect(leaves.map((l) => l[0])).toEqual(Array.from({ length: cp.logSize }, (_, i) => i));
    const frontier = leaves.reduce((f: Frontier, l: any) => appendLeaf(f, leafHash(canon(l[1]))), emptyFrontier());
    expect(toHex(frontierRoot(frontier))).toBe(cp.logRoot);
  });

  it('answers unknown API addresses and wrong methods with 404 not-found', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/nothing'],
      ['DELETE', '/api/v1/batches'],
      ['GET', '/'],
    ] as const) {
      const res = await fetch(server.url + path, { method });
      expectError({ status: res.status, body: await res.json() }, 404, 'not-found');
    }
  });
});

describe('the HTTP layer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-app-'));
  const dist = join(dir, 'dist');
  let app: Awaited<ReturnType<typeof buildApp>>;
  let store: Store;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>评议通</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'index-3f9a1c.js'), 'console.log(1)');
    const { signer } = await loadServerSigner(dir);
    store = await openStore({ kind: 'sqlite', file: join(dir, 'pingyi.sqlite') });
    app = await buildApp({ store, signer, adminToken: 't', staticDir: dist });
    app.get('/api/v1/test-boom', async () => {
      throw new Error('database on fire');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app: hashed assets cached for a year, index.html and sw.js revalidated, navigations fall back to index.html', async () => {
    const asset = await app.inject({ url: '/assets/index-3f9a1c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.headers['cache-control']).toBe('no-cache');
    for (const url of ['/', '/console/tally', '/forms/f2f?unit=law']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('评议通');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const api = await app.inject({ url: '/api/v1/unknown' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('not-found');
    expect((await app.inject({ method: 'POST', url: '/console' })).json().error).toBe('not-found');
  });

  it("answers paths that climb out of the app with 404 and undecodable ones with 400, in the protocol's shape", async () => {
    // Sent as written (fetch and inject would resolve the dots first, as browsers do; other clients do not).
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const raw = (path: string) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const url of [
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fetc%2fpasswd',
      '/a/%5c..%5cx',
      '/../../etc/passwd',
      '/assets/../index.html',
    ]) {
      const r = await raw(url);
      expect(r.status, url).toBe(404);
      expect(r.body.error, url).toBe('not-found');
    }
    const bad = await raw('/assets/%ff');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'malformed', message: expect.stringMatching(/decoded/) });
    expect((await app.inject({ url: '/console/tally' })).statusCode).toBe(200);
  });

  it('sends a Content Security Policy that lets the PWA work and nothing else', async () => {
    const csp = String((await app.inject({ url: '/' })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('answers an unexpected failure with 500 internal and a sentence, without the details', async () => {
    const r = await app.inject({ url: '/api/v1/test-boom' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: 'internal', message: expect.stringMatching(/try again/) });
    expect(r.body).not.toContain('fire');
  });

  it('answers a wrong Content-Type on a JSON route with 400 malformed', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/batches', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('malformed');
  });
});

describe('configuration and secrets', () => {
  it('reads the environment with documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', adminToken: null, trustProxy: false });
    expect(c.database).toEqual({ kind: 'sqlite', file: join(process.cwd(), 'data', 'pingyi.sqlite') });
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/pingyi', PORT: '9000', HOST: '0.0.0.0', PINGYI_DATA_DIR: '/srv/p' });
    expect(pg).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/srv/p', database: { kind: 'postgres', url: 'postgres://u@db:5432/pingyi' } });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
  });

  it('makes the admin token and the receipt key once, owner-readable only, and keeps them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-secrets-'));
    try {
      const first = loadAdminToken(dir, null);
      expect(first.created).toBe(true);
      expect(first.token.length).toBeGreaterThanOrEqual(40);
      expect(loadAdminToken(dir, null)).toEqual({ token: first.token, created: false });
      expect(loadAdminToken(dir, 'from-env')).toEqual({ token: 'from-env', created: false });
      const k1 = await loadServerSigner(dir);
      const k2 = await loadServerSigner(dir);
      expect(k1.created).toBe(true);
      expect(k2.created).toBe(false);
      expect(k2.signer.keyId).toBe(k1.signer.keyId);
      expect(await verifyServerSig({ a: 1 }, k1.signer.sign({ a: 1 }), k2.signer.jwk)).toBe(true);
      for (const f of [ADMIN_TOKEN_FILE, SERVER_KEY_FILE]) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
