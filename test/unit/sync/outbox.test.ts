// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/protocol/canon';
import type { PingyiDb } from '../../../src/store/db';
import { generateDeviceKey } from '../../../src/platform/keys';
import { enrollDevice } from '../../../src/sync/enroll';
import type { FetchFn } from '../../../src/sync/http';
import { runOutbox } from '../../../src/sync/run';
import { backgroundSync, SyncAgainLater } from '../../../src/sync/worker';
import { readOutboxState, type Enrollment } from '../../../src/sync/state';
import { f2fBody, freshDb, issueCode, loggingFetch, receivedSeqs, seedRecords, serverRecords, startServer, type TestServer } from './helpers';

let server: TestServer;
let db: PingyiDb;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  db?.close();
  await db?.delete();
});

const netFetch: FetchFn = (u, i) => fetch(u, i);

async function enrolled(): Promise<Enrollment> {
  db = freshDb();
  return enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 'outbox test', fetchFn: netFetch });
}

const onServer = async (deviceId: string) => (await serverRecords(server)).filter((r) => r.record.deviceId === deviceId).map((r) => r.record.seq);

describe('runOutbox against the real server', () => {
  it('sends unsent records in batches of at most 200, marks them under verified receipts, skips practice records', async () => {
    const e = await enrolled();
    await seedRecords(db, e, 450);
    await seedRecords(db, { ...e, deviceId: 'local-practice' }, 3, () => ({ practice: 1 }));
    const log: string[] = [];
    const bodies: { fromSeq: number; toSeq: number; count: number }[] = [];
    const spy: FetchFn = async (u, i) => {
      if (i?.method === 'POST' && u.endsWith('/api/v1/batches')) bodies.push(JSON.parse(await new Response(i.body).text()).header);
      return netFetch(u, i);
    };
    const result = await runOutbox(db, { fetchFn: loggingFetch(log, spy), locks: null });
    expect(result.status).toBe('sent');
    expect(bodies.map((h) => [h.fromSeq, h.toSeq, h.count])).toEqual([
      [1, 200, 200],
      [201, 400, 200],
      [401, 450, 50],
    ]);
    expect(await receivedSeqs(db, e.deviceId)).toHaveLength(450);
    expect(await db.records.where('deviceId').equals('local-practice').count()).toBe(3);
    expect(await receivedSeqs(db, 'local-practice')).toEqual([]);
    expect(await db.received.get('local-practice')).toBeUndefined();
    expect((await onServer(e.deviceId)).length).toBe(450);
    const state = await readOutboxState(db);
    expect(state.lastReceipt?.receipt.throughSeq).toBe(450);
    expect(state.lastRun).toMatchObject({ result: 'sent', sentRecords: 450, appended: 450 });
    expect(state.progress).toMatchObject({ doneRecords: 450, totalRecords: 450, finished: true });
    expect(state.checkpoint?.logSize).toBeGreaterThanOrEqual(450);

    // Nothing left: the next run sends nothing and asks the server nothing about batches.
    log.length = 0;
    expect((await runOutbox(db, { fetchFn: loggingFetch(log), locks: null })).status).toBe('nothing');
    expect(log.filter((l) => l.includes('batches'))).toEqual([]);
  });

  it('sends with an ES256 device key too (tablets without Ed25519)', async () => {
    db = freshDb();
    const e = await enrollDevice(db, {
      serverUrl: server.url,
      code: await issueCode(server),
      label: 'es256',
      fetchFn: netFetch,
      makeKey: () => generateDeviceKey(undefined, 'ES256'),
    });
    expect(e.alg).toBe('ES256');
    const bytes = new Uint8Array(100).fill(3);
    bytes.set([0xff, 0xd8, 0xff]); // a JPEG's signature: the server checks an unsealed photo's bytes
    const sha256 = await sha256Hex(bytes);
    await db.blobs.put({ sha256, mime: 'image/jpeg', bytes: 100, sealed: false, data: new Blob([bytes]), uploaded: 0 });
    await seedRecords(db, e, 3, (i) => (i === 2 ? { attachments: [{ sha256, bytes: 100, mime: 'image/jpeg', sealed: false }] } : {}));
    expect((await runOutbox(db, { fetchFn: netFetch, locks: null })).status).toBe('sent');
    expect(await receivedSeqs(db, e.deviceId)).toEqual([1, 2, 3]);
  });

  it("uploads a batch's photos before the batch and marks them uploaded", async () => {
    const e = await enrolled();
    const bytes = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
    bytes.set([0xff, 0xd8, 0xff]); // a JPEG's signature: the server checks an unsealed photo's bytes
    const sha256 = await sha256Hex(bytes);
    await db.blobs.put({ sha256, mime: 'image/jpeg', bytes: bytes.length, sealed: false, data: new Blob([bytes]), uploaded: 0 });
    await seedRecords(db, e, 2, (i) => (i === 1 ? { attachments: [{ sha256, bytes: bytes.length, mime: 'image/jpeg', sealed: false }] } : {}));
    const log: string[] = [];
    const result = await runOutbox(db, { fetchFn: loggingFetch(log), locks: null });
    expect(result.status).toBe('sent');
    // Every run ends with the campaign fetch (campaign-follow.test.ts) and the rectification items'
    // (rect-items.test.ts); the records' requests come before them.
    expect(log.slice(-2)).toEqual(['GET /api/v1/campaigns/demo', 'GET /api/v1/campaigns/demo/rectifications']);
    const sending = log.slice(0, -2);
    expect(sending).toEqual([`PUT /api/v1/blobs/${sha256}`, 'POST /api/v1/batches', 'GET /api/v1/log/consistency'].slice(0, sending.length));
    expect(log.indexOf(`PUT /api/v1/blobs/${sha256}`)).toBeLessThan(log.indexOf('POST /api/v1/batches'));
    expect((await db.blobs.get(sha256))?.uploaded).toBe(1);
  });

  it('a forged receipt marks nothing; the records are sent again and marked under a genuine one', async () => {
    const e = await enrolled();
    await seedRecords(db, e, 5);
    const forging: FetchFn = async (u, i) => {
      const res = await netFetch(u, i);
      if (!u.endsWith('/api/v1/batches')) return res;
      const body = await res.json();
      body.receipt.receivedAt = '2020-01-01T00:00:00.000Z'; // any change breaks serverSig
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
    const forged = await runOutbox(db, { fetchFn: forging, locks: null });
    expect(forged.status).toBe('refused');
    expect(forged.status === 'refused' && forged.error.code).toBe('bad-receipt');
    expect(await receivedSeqs(db, e.deviceId)).toEqual([]);
    expect((await readOutboxState(db)).lastReceipt).toBeUndefined();

    // A refusal stops automatic runs; pressing 同步 tries again and the server answers duplicate.
    expect((await runOutbox(db, { fetchFn: netFetch, locks: null })).status).toBe('blocked');
    const again = await runOutbox(db, { fetchFn: netFetch, locks: null, manual: true });
    expect(again.status).toBe('sent');
    expect(again.status === 'sent' && again.receipt.status).toBe('duplicate');
    expect(await receivedSeqs(db, e.deviceId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a receipt signed by another key marks nothing', async () => {
    const e = await enrolled();
    await seedRecords(db, e, 3);
    const other = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const x = (await crypto.subtle.exportKey('jwk', other.publicKey)).x!;
    const { jwkThumbprint } = await import('../../../src/protocol/keys');
    const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x };
    await db.kv.put({ key: 'serverKey', value: { alg: 'Ed25519', jwk, keyId: await jwkThumbprint(jwk) } });
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null });
    expect(r.status).toBe('refused');
    expect(await receivedSeqs(db, e.deviceId)).toEqual([]);
  });

  it('backs off on 5xx and network failure, then resumes where it stopped', async () => {
    const e = await enrolled();
    await seedRecords(db, e, 250);
    let now = 1_000_000;
    let failFrom = 2; // the second batch POST fails
    let posts = 0;
    const flaky: FetchFn = (u, i) => {
      if (u.endsWith('/api/v1/batches') && ++posts >= failFrom) {
        return posts % 2
          ? Promise.reject(new TypeError('network down'))
          : Promise.resolve(new Response('{"error":"unavailable","message":"busy"}', { status: 503 }));
      }
      return netFetch(u, i);
    };
    const first = await runOutbox(db, { fetchFn: flaky, locks: null, now: () => now, random: () => 0 });
    expect(first.status).toBe('retry');
    expect(await receivedSeqs(db, e.deviceId)).toHaveLength(200);
    let state = await readOutboxState(db);
    expect(state.attempts).toBe(1);
    expect(state.backoffUntil).toBe(now + 1_000);
    expect(state.lastFailure?.code).toBe('server');

    // Automatic triggers wait for the backoff.
    expect((await runOutbox(db, { fetchFn: flaky, locks: null, now: () => now })).status).toBe('waiting');
    now += 1_001;
    const second = await runOutbox(db, { fetchFn: flaky, locks: null, now: () => now, random: () => 1 });
    expect(second.status).toBe('retry');
    state = await readOutboxState(db);
    expect(state.attempts).toBe(2);
    expect(state.backoffUntil).toBe(now + 4_000);
    expect(state.lastFailure?.code).toBe('network');

    failFrom = Infinity;
    now += 4_001;
    const third = await runOutbox(db, { fetchFn: flaky, locks: null, now: () => now });
    expect(third.status).toBe('sent');
    expect(third.status === 'sent' && third.sent).toBe(50);
    expect(await receivedSeqs(db, e.deviceId)).toHaveLength(250);
    state = await readOutboxState(db);
    expect(state.attempts).toBe(0);
    expect(state.backoffUntil).toBeUndefined();
    expect((await onServer(e.deviceId)).length).toBe(250);
  });

  it("on chain-gap resends from the server's expectedSeq", async () => {
    const e = await enrolled();
    await seedRecords(db, e, 8);
    // The tablet believes 1–5 were received (the server was restored from an older backup).
    const fifth = await db.records.where('[deviceId+seq]').equals([e.deviceId, 5]).first();
    await db.received.put({ deviceId: e.deviceId, throughSeq: 5, headHash: fifth!.hash, verifiedAt: '2026-11-21T08:00:00.000Z' });
    const bodies: number[] = [];
    const spy: FetchFn = async (u, i) => {
      if (u.endsWith('/api/v1/batches')) bodies.push(JSON.parse(await new Response(i!.body).text()).header.fromSeq);
      return netFetch(u, i);
    };
    const r = await runOutbox(db, { fetchFn: spy, locks: null });
    expect(r.status).toBe('sent');
    expect(bodies).toEqual([6, 1]);
    expect(await onServer(e.deviceId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await receivedSeqs(db, e.deviceId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("shows an invalid record with the server's sentence and keeps it (nothing dropped)", async () => {
    const e = await enrolled();
    const seeded = await seedRecords(db, e, 5, (i) => (i === 2 ? { body: f2fBody('no-such-unit') } : {}));
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null });
    expect(r.status).toBe('refused');
    if (r.status !== 'refused') return;
    expect(r.error.code).toBe('invalid-record');
    expect(r.error.record).toMatchObject({ seq: 3, id: seeded[2]!.record.id });
    expect(r.error.path).toBe('/body/unitId');
    expect(r.error.message.length).toBeGreaterThan(5);
    expect((await readOutboxState(db)).lastError?.record?.seq).toBe(3);
    expect(await db.records.count()).toBe(5);
    expect(await receivedSeqs(db, e.deviceId)).toEqual([]);
    expect(await onServer(e.deviceId)).toEqual([]);
  });

  it('sends the chain up to a hole in it, then stops with local-chain naming the missing record', async () => {
    const e = await enrolled();
    const seeded = await seedRecords(db, e, 450);
    await db.records.delete(seeded[299]!.hash); // storage damage: seq 300 is gone
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null });
    expect(r.status).toBe('refused');
    if (r.status !== 'refused') return;
    expect(r.error.code).toBe('local-chain');
    expect(r.error.fromSeq).toBe(300);
    // The batch before the damaged chunk went out and its receipt counts; nothing after the hole did.
    expect(await receivedSeqs(db, e.deviceId)).toHaveLength(200);
    expect(await onServer(e.deviceId)).toHaveLength(200);
    expect(await db.records.count()).toBe(449);
  });

  it('reports progress with an estimated byte total that becomes exact once every record is read', async () => {
    const e = await enrolled();
    await seedRecords(db, e, 450);
    const seen: { doneRecords: number; totalRecords: number; totalBytes: number; bytesEstimated?: boolean }[] = [];
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null, onProgress: (p) => seen.push(p) });
    expect(r.status).toBe('sent');
    expect(seen.every((p) => p.totalRecords === 450)).toBe(true);
    expect(seen[0]!.bytesEstimated).toBe(true);
    const final = seen.at(-1)!;
    expect(final).toMatchObject({ doneRecords: 450, bytesEstimated: false });
    const body = (await db.records.toArray()).reduce((n, x) => n + new TextEncoder().encode(JSON.stringify(x.record)).length, 0);
    expect(final.totalBytes).toBe(body);
    expect(seen.map((p) => p.doneRecords)).toEqual([...seen.map((p) => p.doneRecords)].sort((a, b) => a - b));
  });

  it("stops on revoked-device with the server's sentence", async () => {
    const e = await enrolled();
    await seedRecords(db, e, 2);
    await server.admin('POST', `/api/v1/admin/devices/${e.deviceId}/revoke`);
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null });
    expect(r.status === 'refused' && r.error.code).toBe('revoked-device');
    expect(r.status === 'refused' && r.error.message).toMatch(/./);
    expect(await db.records.count()).toBe(2);
  });

  it('names the record whose photo the server is missing', async () => {
    const e = await enrolled();
    const ghost = 'ab'.repeat(32);
    await seedRecords(db, e, 3, (i) => (i === 1 ? { attachments: [{ sha256: ghost, bytes: 10, mime: 'image/jpeg', sealed: false }] } : {}));
    const r = await runOutbox(db, { fetchFn: netFetch, locks: null });
    expect(r.status === 'refused' && r.error.code).toBe('missing-blobs');
    expect(r.status === 'refused' && r.error.record?.seq).toBe(2);
    expect(r.status === 'refused' && r.error.missing).toEqual([ghost]);
  });

  it("the service worker's handler rejects on a network failure (the browser retries) and resolves once sent", async () => {
    const e = await enrolled();
    await seedRecords(db, e, 3);
    const down: FetchFn = () => Promise.reject(new TypeError('offline'));
    await expect(backgroundSync(db, down as typeof fetch)).rejects.toBeInstanceOf(SyncAgainLater);
    expect(await receivedSeqs(db, e.deviceId)).toEqual([]);
    await db.kv.put({ key: 'outbox', value: { ...(await readOutboxState(db)), backoffUntil: 0 } });
    await expect(backgroundSync(db, netFetch as typeof fetch)).resolves.toMatchObject({ status: 'sent', sent: 3 });
  });

  it('does not run while another tab holds the outbox lock', async () => {
    await enrolled();
    const locks = { request: (_n: string, _o: unknown, cb: (lock: unknown) => Promise<never>) => cb(null) };
    expect((await runOutbox(db, { fetchFn: netFetch, locks })).status).toBe('busy');
  });
});
