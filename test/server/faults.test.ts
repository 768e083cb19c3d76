import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signEnrollment } from '../../src/protocol/build';
import { jwkThumbprint, minimalJwk, parsePublicJwk } from '../../src/protocol/keys';
import { enrollDevice, f2fs, issueCode, newKeys } from './device';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt, storedActions, storedRecords } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('faults and races (%s)', (_name, backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });
  async function fresh(extra: Parameters<typeof startServer>[1] = {}): Promise<{ place: Place; server: TestServer }> {
    const place = await backend.create();
    cleanup.push(() => place.destroy());
    const server = await startServer(place, extra);
    cleanup.push(() => server.close());
    return { place, server };
  }

  it('stores a batch that arrives several times at the same moment exactly once; the others get duplicate', async () => {
    const { server } = await fresh();
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 50));
    const answers = await Promise.all(Array.from({ length: 5 }, () => d.send(batch)));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(answers.map((a) => a.body.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    for (const a of answers) await expectReceipt(server, a, batch, a.body.status, a.body.status === 'accepted' ? 50 : 0);
    expect(await storedRecords(server, d.deviceId)).toHaveLength(50);
    const log = await server.store.logHead();
    // The 50 records and the office action of the enrollment code.
    expect(log.size).toBe(50 + (await storedActions(server)).length);
  });

  it('serialises overlapping batches of one device sent at once', async () => {
    const { server } = await fresh();
    const d = await enrollDevice(server);
    const records = await f2fs(d, 30);
    const batches = await Promise.all([d.batch(records.slice(0, 10)), d.batch(records.slice(0, 20)), d.batch(records)]);
    const answers = await Promise.all(batches.map((b) => d.send(b)));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(answers.reduce((n, a) => n + a.body.appended, 0)).toBe(30);
    expect((await storedRecords(server, d.deviceId)).map((s) => s.record.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('lets several devices send at once, each chain and the log staying whole', async () => {
    const { server } = await fresh();
    const devices = await Promise.all([enrollDevice(server), enrollDevice(server, 'ES256'), enrollDevice(server), enrollDevice(server, 'ES256')]);
    const rounds = 3;
    await Promise.all(
      devices.map(async (d) => {
        for (let i = 0; i < rounds; i++) {
          const batch = await d.batch(await f2fs(d, 20));
          await expectReceipt(server, await d.send(batch), batch, 'accepted', 20);
        }
      }),
    );
    const stored = await storedRecords(server);
    expect(stored).toHaveLength(devices.length * rounds * 20);
    expect((await server.store.logHead()).size).toBe(stored.length + (await storedActions(server)).length);
  });

  it('gives one record id to one record when two devices send it at the same moment (the loser: invalid-record, never a 500)', async () => {
    const { server } = await fresh();
    const [a, b] = await Promise.all([enrollDevice(server), enrollDevice(server, 'ES256')]);
    for (let round = 0; round < 3; round++) {
      const shared = a.f2f();
      const fromA = await a.batch(await a.seal([a.f2f(), shared]));
      const fromB = await b.batch(await b.seal([b.f2f(), b.unsealed('f2f', shared.body, { id: shared.id })]));
      const [ra, rb] = await Promise.all([a.send(fromA), b.send(fromB)]);
      const answers = [ra, rb].sort((x, y) => x.status - y.status);
      expect(answers.map((x) => x.status)).toEqual([200, 422]);
      expect(answers[1]!.body).toMatchObject({ error: 'invalid-record', index: 1, path: '/id' });
      // The device that lost rewinds and seals new records instead.
      const loser = ra.status === 422 ? a : b;
      const lost = ra.status === 422 ? fromA : fromB;
      loser.sealedSeq = lost.header.fromSeq - 1;
      loser.sealedHash = lost.header.prevHash;
    }
    const ids = (await storedRecords(server)).map((s) => s.record.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses an enrollment code once, even when it is presented several times at the same moment', async () => {
    const { server } = await fresh();
    const code = await issueCode(server);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const keys = await newKeys('Ed25519');
        const publicJwk = minimalJwk(parsePublicJwk('Ed25519', await crypto.subtle.exportKey('jwk', keys.publicKey))!);
        const keyId = await jwkThumbprint(publicJwk);
        return postJson(`${server.url}/api/v1/devices`, {
          code,
          alg: 'Ed25519',
          publicJwk,
          label: 'race',
          proof: await signEnrollment('Ed25519', keys.privateKey, code, keyId),
        });
      }),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of attempts.filter((x) => x.status === 409)) expectError(a, 409, 'code-used');
    expect((await server.admin('/api/v1/admin/devices')).body.devices).toHaveLength(1);
  });

  it('stores nothing when the connection is cut in the middle of an upload', async () => {
    const { server } = await fresh();
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 200));
    const body = Buffer.from(JSON.stringify(batch));
    const port = Number(new URL(server.url).port);
    const accepted: Socket[] = [];
    const onConnection = (s: Socket) => accepted.push(s);
    server.app.server.on('connection', onConnection);
    let localPort = 0;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        localPort = socket.localPort!;
        socket.write(`POST /api/v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body.subarray(0, body.length >> 1), () => {
          socket.destroy();
          resolve();
        });
      });
      socket.on('error', reject);
    });
    // Once the server's end of that connection is closed, the half-read request is gone for good.
    const serverEnd = () => accepted.find((c) => c.remotePort === localPort);
    await expect.poll(() => serverEnd()?.destroyed ?? false, { timeout: 10_000, interval: 10 }).toBe(true);
    server.app.server.off('connection', onConnection);
    expect(await storedRecords(server, d.deviceId)).toHaveLength(0);
    // Only the leaves of office actions: the demo campaign's version and the enrollment code.
    expect((await server.store.logHead()).size).toBe(2);
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 200);
  });

  it('answers duplicate with a valid receipt when the server died after committing and before answering', async () => {
    let die = true;
    const place = await backend.create();
    cleanup.push(() => place.destroy());
    const first = await startServer(place, {
      async afterIngestCommit() {
        if (!die) return;
        // The process "dies" here: every connection is dropped, nothing is answered.
        first.app.server.closeAllConnections();
        throw new Error('killed after commit');
      },
    });
    const d = await enrollDevice(first);
    const batch = await d.batch(await f2fs(d, 25));
    await expect(d.send(batch)).rejects.toThrow();
    die = false;
    await first.close();

    const second = await startServer(place);
    cleanup.push(() => second.close());
    expect(second.signer.keyId).toBe(first.signer.keyId);
    d.url = second.url;
    const answer = await expectReceipt(second, await d.send(batch), batch, 'duplicate', 0);
    const stored = await storedRecords(second, d.deviceId);
    expect(stored).toHaveLength(25);
    expect(answer.receipt.logSize).toBe(25 + (await storedActions(second)).length);
  });

  it('continues a device chain across a server restart in the middle of a sync', async () => {
    const place = await backend.create();
    cleanup.push(() => place.destroy());
    const first = await startServer(place);
    const d = await enrollDevice(first);
    const one = await d.batch(await f2fs(d, 10));
    const a1 = await expectReceipt(first, await d.send(one), one, 'accepted', 10);
    await first.close();

    const second = await startServer(place);
    cleanup.push(() => second.close());
    const res = await fetch(`${second.url}/api/v1/server-key`);
    expect((await res.json()).keyId).toBe(first.signer.keyId);
    // The device's next batch continues from the chain the first process stored.
    d.url = second.url;
    const two = await d.batch(await f2fs(d, 10));
    const a2 = await expectReceipt(second, await d.send(two), two, 'accepted', 10);
    expect(a2.receipt.logSize).toBe(a1.receipt.logSize + 10);
    expect((await storedRecords(second, d.deviceId)).map((s) => s.record.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
