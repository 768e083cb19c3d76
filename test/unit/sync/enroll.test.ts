// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jwkThumbprint } from '../../../src/protocol/keys';
import { generateDeviceKey } from '../../../src/platform/keys';
import { DEVICE_KEY, loadDeviceKey } from '../../../src/store/device-key';
import type { PingyiDb } from '../../../src/store/db';
import { EnrollError, enrollDevice, normaliseServerUrl } from '../../../src/sync/enroll';
import { KV, readEnrollment, readServerKey } from '../../../src/sync/state';
import { freshDb, issueCode, seedRecords, startServer, type TestServer } from './helpers';

let server: TestServer;
let db: PingyiDb;
/** How far the server's clock runs ahead of the wall clock (moved by the expiry test, then reset). */
const clock = { aheadMs: 0 };
beforeAll(async () => {
  server = await startServer({ now: () => Date.now() + clock.aheadMs });
});
afterAll(() => server.close());
afterEach(async () => {
  db?.close();
  await db?.delete();
});

const fetchFn = (u: string, i?: RequestInit) => fetch(u, i);

describe('enrollDevice against the real server', () => {
  for (const alg of ['Ed25519', 'ES256'] as const) {
    it(`enrolls with an ${alg} key and stores enrollment, key, server key and campaign`, async () => {
      db = freshDb();
      const code = await issueCode(server, 'inspector', 'li-na');
      const e = await enrollDevice(db, { serverUrl: server.url + '/', code, label: 'tablet 1', fetchFn, makeKey: () => generateDeviceKey(undefined, alg) });
      expect(e.alg).toBe(alg);
      expect(e.serverUrl).toBe(server.url);
      expect(e.role).toBe('inspector');
      expect(e.collector).toBe('li-na');
      expect(e.campaignId).toBe('demo');
      expect(await readEnrollment(db)).toEqual(e);
      const key = await loadDeviceKey(db);
      expect(key?.extractable).toBe(false);
      expect(key?.algorithm.name).toBe(alg === 'Ed25519' ? 'Ed25519' : 'ECDSA');
      const sk = await readServerKey(db);
      expect(sk?.keyId).toBe(await jwkThumbprint(sk!.jwk));
      expect((await db.campaigns.get('demo'))?.source).toBe('enrolled');
      const devices = await server.admin<{ devices: { deviceId: string; alg: string; label: string }[] }>('GET', '/api/v1/admin/devices');
      expect(devices.devices.find((d) => d.deviceId === e.deviceId)).toMatchObject({ alg, label: 'tablet 1' });
    });
  }

  it('answers unknown-code, code-used and network failure clearly, storing nothing', async () => {
    db = freshDb();
    const bad = await enrollDevice(db, { serverUrl: server.url, code: 'ZZZZ-ZZZZ-ZZZZ', label: 't', fetchFn }).catch((e) => e);
    expect(bad).toBeInstanceOf(EnrollError);
    expect(bad.code).toBe('unknown-code');
    expect(bad.serverMessage).toMatch(/not known/);

    const code = await issueCode(server);
    await enrollDevice(db, { serverUrl: server.url, code, label: 't', fetchFn });
    const db2 = freshDb();
    try {
      const used = await enrollDevice(db2, { serverUrl: server.url, code, label: 't', fetchFn }).catch((e) => e);
      expect(used.code).toBe('code-used');
      const offline = await enrollDevice(db2, {
        serverUrl: 'http://127.0.0.1:9',
        code,
        label: 't',
        fetchFn: () => Promise.reject(new TypeError('fetch failed')),
      }).catch((e) => e);
      expect(offline.code).toBe('network');
      expect(await db2.kv.get(KV.enrollment)).toBeUndefined();
      expect(await db2.kv.get(DEVICE_KEY)).toBeUndefined();
    } finally {
      db2.close();
      await db2.delete();
    }
  });

  it('answers code-expired for a code past its lifetime', async () => {
    db = freshDb();
    const { code } = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', {
      campaignId: 'demo',
      role: 'representative',
      collector: 'wang',
      ttlHours: 1,
    });
    clock.aheadMs = 3600_000 + 1;
    try {
      const err = await enrollDevice(db, { serverUrl: server.url, code, label: 't', fetchFn }).catch((e) => e);
      expect(err.code).toBe('code-expired');
    } finally {
      clock.aheadMs = 0;
    }
  });

  it('refuses to enroll again while records of the current device are unsent', async () => {
    db = freshDb();
    const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 't', fetchFn });
    await seedRecords(db, e, 2);
    const err = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 't', fetchFn }).catch((x) => x);
    expect(err.code).toBe('unsent-records');
    expect((await readEnrollment(db))?.deviceId).toBe(e.deviceId);
  });
});

describe('normaliseServerUrl', () => {
  it('adds a scheme, drops trailing slashes, refuses nonsense', () => {
    expect(normaliseServerUrl('pingyi.example.gov.cn/')).toBe('https://pingyi.example.gov.cn');
    expect(normaliseServerUrl('localhost:8787')).toBe('http://localhost:8787');
    expect(normaliseServerUrl(' http://10.0.0.5:8787// ')).toBe('http://10.0.0.5:8787');
    expect(normaliseServerUrl('ftp://x')).toBeNull();
    expect(normaliseServerUrl('')).toBeNull();
  });
});
