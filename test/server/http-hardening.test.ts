import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { buildApp } from '../../src/server/app';
import { loadConfig, parseTrustProxy } from '../../src/server/config';
import { csvCell } from '../../src/server/office/export-files';
import { ADMIN_TOKEN_FILE, loadAdminToken, loadServerSigner } from '../../src/server/secrets';
import { openStore } from '../../src/server/store/kysely-store';
import { enrollDevice, issueCode } from './device';
import { availableBackends, postJson, serverProgram, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';

const backends = await availableBackends();
const TOKEN = 'test-admin-token-of-thirty-two-chars';
const PERSON = { username: 'wang.office', role: 'office-admin', password: 'a long enough password' };

async function answer(res: Response) {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('configuration of the admin token and the proxy', () => {
  it('refuses an admin token shorter than 32 characters, saying so', () => {
    expect(() => loadConfig({ PINGYI_ADMIN_TOKEN: '1764745200000' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ PINGYI_ADMIN_TOKEN: 'x'.repeat(31) })).toThrow(/PINGYI_ADMIN_TOKEN/);
    expect(loadConfig({ PINGYI_ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).toBe('x'.repeat(32));
    expect(loadConfig({}).adminToken).toBeNull();
  });

  it('does not start with a short token, and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-token-'));
    try {
      const r = spawnSync(process.execPath, [serverProgram('main')], {
        env: { ...process.env, PINGYI_DATA_DIR: dir, PINGYI_ADMIN_TOKEN: '1764745200000', PORT: '0', PINGYI_STATIC_DIR: join(dir, 'none'), DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('PINGYI_ADMIN_TOKEN must be at least 32 characters');
      expect(r.stdout).not.toContain('listening');
      // A short token kept in the data dir is refused too.
      writeFileSync(join(dir, ADMIN_TOKEN_FILE), 'short\n');
      expect(() => loadAdminToken(dir, null)).toThrow(/shorter than 32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the proxy as a hop count or addresses, never as "trust anyone"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 192.168.1.0/24,::1')).toEqual(['10.0.0.5', '192.168.1.0/24', '::1']);
    for (const bad of ['true', '*', '10.0.0.5/33', 'proxy.local']) expect(() => parseTrustProxy(bad), bad).toThrow(/PINGYI_TRUST_PROXY/);
    expect(loadConfig({ PINGYI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('HTTP hardening (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    // The test client is the "proxy": X-Forwarded-For names the client addresses below.
    server = await startServer(place, {}, { PINGYI_TRUST_PROXY: '127.0.0.1' });
    expect((await server.admin('/api/v1/admin/users', { body: PERSON })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  const from = (ip: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...headers });
  const signIn = async (ip: string, password = PERSON.password) => {
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: from(ip, { 'content-type': 'application/json' }),
      body: JSON.stringify({ username: PERSON.username, password }),
    });
    return { ...(await answer(res)), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
  };

  it('throttles guessed tokens, cookies and passwords per address; the right token still works elsewhere', async () => {
    const guess = (ip: string, token: string) =>
      fetch(`${server.url}/api/v1/admin/devices`, { headers: from(ip, { authorization: `Bearer ${token}` }) }).then(answer);
    for (let i = 0; i < 10; i++) expectError(await guess('203.0.113.9', `guess-${i}-${'0'.repeat(30)}`), 401, 'unauthorized');
    const blocked = await guess('203.0.113.9', TOKEN);
    expectError(blocked, 429, 'rate-limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await guess('203.0.113.10', TOKEN)).status).toBe(200);

    for (let i = 0; i < 10; i++) expect((await signIn('203.0.113.20', `wrong password ${i}`)).status).toBe(401);
    expectError(await signIn('203.0.113.20'), 429, 'rate-limited');
    expect((await signIn('203.0.113.21')).status).toBe(200);

    // Asking who is signed in without any session is no guess: never blocked.
    for (let i = 0; i < 15; i++) expect((await fetch(`${server.url}/api/v1/session`, { headers: from('203.0.113.40') })).status).toBe(401);
    const cookie = (ip: string, value: string) =>
      fetch(`${server.url}/api/v1/session`, { headers: from(ip, { cookie: `pingyi_session=${value}` }) }).then(answer);
    for (let i = 0; i < 10; i++) expect((await cookie('203.0.113.30', `forged-${i}`)).status).toBe(401);
    expectError(await cookie('203.0.113.30', 'forged-again'), 429, 'rate-limited');
  });

  it('refuses a cookie-authenticated change from another origin or as a form (403 bad-origin)', async () => {
    const device = await enrollDevice(server);
    const { cookie } = await signIn('198.51.100.1');
    const revoke = (headers: Record<string, string>, body?: string) =>
      fetch(`${server.url}/api/v1/admin/devices/${device.deviceId}/revoke`, {
        method: 'POST',
        headers: from('198.51.100.1', { cookie, ...headers }),
        body,
      }).then(answer);
    const host = new URL(server.url).host;
    expectError(await revoke({ 'content-type': 'text/plain', origin: `http://127.0.0.1:${Number(new URL(server.url).port) + 1}` }, 'x=1'), 403, 'bad-origin');
    expectError(await revoke({ 'content-type': 'text/plain', origin: `http://${host}` }, 'x=1'), 403, 'bad-origin');
    expectError(await revoke({ 'content-type': 'application/json', origin: 'http://evil.example' }, '{}'), 403, 'bad-origin');
    expectError(await revoke({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, '{}'), 403, 'bad-origin');
    expect((await server.admin('/api/v1/admin/devices')).body.devices.find((d: any) => d.deviceId === device.deviceId).revokedAt).toBeNull();
    expect((await revoke({ 'content-type': 'application/json', origin: `http://${host}` }, '{}')).status).toBe(200);
    const other = await enrollDevice(server);
    const sameOrigin = await fetch(`${server.url}/api/v1/admin/devices/${other.deviceId}/revoke`, {
      method: 'POST',
      headers: from('198.51.100.1', { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }),
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
    // The admin token is not a cookie: scripts keep working without an Origin.
    const third = await enrollDevice(server);
    const byToken = await fetch(`${server.url}/api/v1/admin/devices/${third.deviceId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(byToken.status).toBe(200);
  });

  it('answers 4xx, not 500, to repeated, odd, NUL-bearing and over-long inputs', async () => {
    expectError(await server.admin('/api/v1/admin/devices?campaignId=a&campaignId=b'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/records?campaignId=a&campaignId=b'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/export?campaignId=demo&format=__proto__'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/export?campaignId=demo&format=constructor'), 400, 'malformed');
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/api/v1/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e/%2e%2e/package.json']) {
      const r = await fetch(server.url + path).then(answer);
      expect(r.status, path).toBe(404);
    }
    expectError(await server.admin('/api/v1/admin/campaigns/demo%00x'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/devices/x%00y/revoke', { method: 'POST', body: {} }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/records?unitId=a%00b'), 400, 'malformed');
    expectError(
      await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', collector: '张\u0000三' } }),
      400,
      'malformed',
    );
    expectError(
      await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'x'.repeat(300), role: 'representative', collector: '张三' } }),
      400,
      'malformed',
    );
    expectError(
      await postJson(`${server.url}/api/v1/session`, { username: 'wang\u0000', password: 'whatever password' }, from('198.51.100.40')),
      400,
      'malformed',
    );
    expectError(await server.admin('/api/v1/admin/users', { body: { ...PERSON, username: 'zhao', displayName: '赵\u0000' } }), 400, 'malformed');
    const lone = await fetch(`${server.url}/api/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: `{"username":"zhou","role":"coordinator","password":"a long enough password","displayName":"\\ud800x"}`,
    });
    expectError(await answer(lone), 400, 'malformed');
    const long = await server.admin('/api/v1/admin/campaigns/demo', { method: 'PUT', body: { ...DEMO_CAMPAIGN, name: '评'.repeat(2_500_000) } });
    expect(long.status).toBe(413);
    expectError(await server.admin('/api/v1/admin/campaigns/demo', { method: 'PUT', body: { ...DEMO_CAMPAIGN, name: '评'.repeat(201) } }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/demo', { method: 'PUT', body: { ...DEMO_CAMPAIGN, issuer: '评'.repeat(2001) } }), 400, 'malformed');
    const code = await issueCode(server);
    const enroll = await postJson(`${server.url}/api/v1/devices`, {
      code,
      alg: 'Ed25519',
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'a' },
      label: 'tab\u0000',
      proof: 'x',
    });
    expectError(enroll, 400, 'malformed');
    expect((await server.admin('/api/v1/admin/campaigns/demo')).body.name).toBe(DEMO_CAMPAIGN.name);
  });

  it('says what is wrong with a body that changes a prototype, and still calls broken JSON broken', async () => {
    const send = (path: string, body: string) =>
      fetch(server.url + path, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body }).then(answer);
    for (const body of ['{"__proto__":{"admin":true},"campaignId":"demo"}', '{"campaignId":"demo","x":{"constructor":{"prototype":{"y":1}}}}']) {
      for (const path of ['/api/v1/admin/enrollment-codes', '/api/v1/batches']) {
        const r = await send(path, body);
        expectError(r, 400, 'malformed');
        expect(r.body.message, `${path} ${body}`).toMatch(/"__proto__".*"constructor"/);
      }
    }
    const broken = await send('/api/v1/admin/enrollment-codes', '{"campaignId":');
    expectError(broken, 400, 'malformed');
    expect(broken.body.message).toMatch(/not valid JSON/);
  });

  it('marks admin and session answers Cache-Control: no-store', async () => {
    for (const path of ['/api/v1/admin/campaigns', '/api/v1/admin/devices', '/api/v1/admin/campaigns/demo/tally', '/api/v1/admin/users']) {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const anon = await fetch(`${server.url}/api/v1/session`, { headers: from('198.51.100.50') });
    expect(anon.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a held blob as an inert download', async () => {
    const device = await enrollDevice(server);
    const html = new TextEncoder().encode('<html><script>parent.pwned = 1</script></html>');
    expect((await device.uploadBlob(html)).status).toBe(201);
    const { sha256Hex } = await import('../../src/protocol/canon');
    const res = await fetch(`${server.url}/api/v1/admin/blobs/${await sha256Hex(html)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  });
});

describe('a client-written X-Forwarded-For', () => {
  let place: Place;
  afterAll(async () => place?.destroy());

  // The client writes the left-most entries; the proxy in front appends the address it saw.
  for (const trust of ['1', '10.9.9.9']) {
    it(`cannot bypass the enrollment and sign-in limits (PINGYI_TRUST_PROXY=${trust})`, async () => {
      place ??= await backends[0]!.create();
      const server = await startServer(place, {}, { PINGYI_TRUST_PROXY: trust, PINGYI_RATE_ENROLL: '3' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await postJson(
            `${server.url}/api/v1/devices`,
            { code: 'NOPE', alg: 'Ed25519', publicJwk: {}, label: 'x', proof: 'x' },
            { 'x-forwarded-for': `10.0.${i}.1, 198.51.100.77` },
          );
          statuses.push(r.status);
        }
        expect(statuses.slice(3)).toEqual([429, 429, 429]);
        const signIns: number[] = [];
        for (let i = 0; i < 25; i++) {
          const r = await postJson(
            `${server.url}/api/v1/session`,
            { username: 'nobody', password: 'whatever password' },
            { 'x-forwarded-for': `10.1.${i}.1, 198.51.100.77` },
          );
          signIns.push(r.status);
        }
        expect(signIns).toContain(429);
      } finally {
        await server.close();
      }
    });
  }
});

/** How long a test connection keeps trickling bytes before it gives up on the server closing it. */
const TRICKLE_MS = 20_000;

describe('slow senders and the request log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-slow-'));
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  let port = 0;
  beforeAll(async () => {
    const { signer } = await loadServerSigner(dir);
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'pingyi.sqlite') });
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    app = await buildApp({
      store,
      signer,
      adminToken: TOKEN,
      logger: { level: 'info', stream },
      timeouts: { requestMs: 1500, headersMs: 1000, checkIntervalMs: 200 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    close = async () => {
      await app.close();
      await store.close();
    };
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Sends `head`, then one byte every 100 ms for at most TRICKLE_MS; resolves with how long the
   * server kept the connection (Infinity: it never closed it). The server's limits above close it
   * after about 1.7 s; without them Node keeps it for minutes.
   */
  const trickle = (head: string) =>
    new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1', () => socket.write(head));
      const timer = setInterval(
        () => (Date.now() - started > TRICKLE_MS ? (clearInterval(timer), socket.destroy(), resolve(Infinity)) : socket.write('a')),
        100,
      );
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => (clearInterval(timer), resolve(Date.now() - started)));
    });

  // The bound is generous against the 1.7 s expected: on a machine loaded by the other test files,
  // the server's connection check can run seconds late, and what matters is that it runs at all.
  it('closes a connection whose body or headers arrive too slowly', { timeout: TRICKLE_MS + 10_000 }, async () => {
    const [body, headers] = await Promise.all([
      trickle(`POST /api/v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`),
      trickle(`GET /api/v1/server-key HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `),
    ]);
    expect(body).toBeLessThan(12_000);
    expect(headers).toBeLessThan(12_000);
  });

  it('never writes a query-string token to the log', async () => {
    await fetch(`http://127.0.0.1:${port}/api/v1/admin/devices?campaignId=demo&token=SECRET-IN-QUERY&SECRET-ALONE`);
    const log = lines.join('');
    expect(log).toContain('campaignId=demo');
    expect(log).toContain('/api/v1/admin/devices');
    expect(log).not.toContain('SECRET');
  });
});

describe('CSV cells', () => {
  it('defuses every start a spreadsheet reads as a formula', () => {
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =1+1', '＝1+1', '＋1', '－1', '＠A1']) {
      expect(csvCell(c).replace(/^"/, ''), JSON.stringify(c)).toMatch(/^'/);
    }
    expect(csvCell('正常的意见')).toBe('正常的意见');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
});
