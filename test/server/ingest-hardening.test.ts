import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64u, fromB64u } from '../../src/protocol/canon';
import { signCanon } from '../../src/protocol/keys';
import { lowS } from '../../src/server/device-signatures';
import { ingestBatch } from '../../src/server/ingest/ingest';
import type { Store } from '../../src/server/store/types';
import { enrollDevice, f2fs, newKeys } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt } from './helpers';

const backends = await availableBackends();

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const sOf = (sig: string) => BigInt('0x' + Buffer.from(fromB64u(sig).subarray(32)).toString('hex'));
/** The other signature of the same ES256 (r, s): (r, n − s). */
function otherS(sig: string): string {
  const raw = fromB64u(sig);
  const s = Buffer.from((P256_N - sOf(sig)).toString(16).padStart(64, '0'), 'hex');
  return b64u(new Uint8Array([...raw.subarray(0, 32), ...s]));
}
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/**
 * POSTs raw bytes with node:http, a chunk at a time as a sender on a real network does, and resolves
 * once the connection is closed or the answer is complete with the whole body sent: a write that
 * fails (a broken pipe, a reset) is reported instead of the answer.
 */
function rawPost(url: string, body: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    let answer: { status: number; body: any } | undefined;
    let sent = false;
    const settle = () => answer && sent && resolve(answer);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
        settle();
      });
    });
    req.on('error', (e) => reject(new Error(`the sender saw ${(e as NodeJS.ErrnoException).code ?? e.message} (answer: ${JSON.stringify(answer)})`)));
    const chunk = 64 * 1024;
    const write = (at: number): void => {
      if (at >= body.length) {
        req.end(() => ((sent = true), settle()));
        return;
      }
      if (req.write(body.subarray(at, at + chunk))) setImmediate(() => write(at + chunk));
      else req.once('drain', () => write(at + chunk));
    };
    write(0);
  });
}

describe('ES256 signatures in low-S form', () => {
  it('WebCrypto (as the tablet signs) makes high-S signatures, and lowS turns them into the low form', async () => {
    const keys = await newKeys('ES256');
    const sigs = await Promise.all(Array.from({ length: 64 }, (_, i) => signCanon('ES256', keys.privateKey, { i })));
    const high = sigs.filter((s) => sOf(s) > P256_N / 2n);
    expect(high.length).toBeGreaterThan(0); // 2^-64 to see none if half are high
    for (const s of sigs) {
      const low = lowS(s);
      expect(sOf(low) <= P256_N / 2n).toBe(true);
      expect(low === s).toBe(sOf(s) <= P256_N / 2n);
      expect(lowS(otherS(s))).toBe(low);
    }
  });
});

describe('the order of work for unauthenticated bodies', () => {
  it('canonicalises no record before the device is known and its signature verified', async () => {
    // A value that has no canonical form: hashing it would throw a TypeError instead of the answer.
    const record = { v: 1n };
    const header = {
      protocol: 'pingyi/1',
      deviceId: 'nobody',
      keyId: 'k',
      fromSeq: 1,
      toSeq: 1,
      count: 1,
      prevHash: '0'.repeat(64),
      headHash: '0'.repeat(64),
      sentAt: '2026-11-21T09:00:00.000Z',
    };
    const store = { getDevice: async () => undefined, ingest: async () => Promise.reject(new Error('no transaction expected')) } as unknown as Store;
    const deps = { store, signer: undefined as never, now: Date.now, checkSignature: () => false };
    await expect(ingestBatch(deps, { header, records: [record], sig: 'AAAA' })).rejects.toMatchObject({ code: 'unknown-device' });
    const device = { keyId: 'k', alg: 'Ed25519', publicJwk: {}, revokedAt: null };
    const known = { ...deps, store: { ...store, getDevice: async () => device } as unknown as Store };
    await expect(ingestBatch(known, { header, records: [record], sig: 'AAAA' })).rejects.toMatchObject({ code: 'bad-signature' });
    const revoked = { ...deps, store: { ...store, getDevice: async () => ({ ...device, revokedAt: '2026-11-21T09:00:00.000Z' }) } as unknown as Store };
    await expect(ingestBatch(revoked, { header, records: [record], sig: 'AAAA' })).rejects.toMatchObject({ code: 'revoked-device' });
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('ingest hardening (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const logged: string[] = [];
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place, { logger: { level: 'warn', stream: { write: (line: string) => logged.push(line) } } });
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  const post = async (text: string) => {
    const res = await fetch(`${server.url}/api/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    return { status: res.status, body: await res.json() };
  };

  it('answers 20,000-deep JSON with 400 malformed, wherever it sits, and logs no error', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 1));
    const n = 20_000;
    const places = [
      deep(n),
      `{"header":${deep(n)},"records":[],"sig":""}`,
      JSON.stringify({ ...batch, records: ['@'] }).replace('"@"', `{"a":${deep(n)}}`),
      JSON.stringify({ ...batch, records: [{ ...batch.records[0], body: { ...batch.records[0]!.body, extra: '@' } }] }).replace('"@"', deep(n)),
    ];
    for (const text of places) expectError(await post(text), 400, 'malformed');
    const r = await post(
      JSON.stringify({ ...batch, records: [{ ...batch.records[0], body: { ...batch.records[0]!.body, extra: '@' } }] }).replace('"@"', deep(64)),
    );
    expect(r.body).toMatchObject({ error: 'malformed', path: '/records/0/body/extra' + '/0'.repeat(60) });
    expect(logged.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 1);
  });

  it('answers a header deviceId with U+0000 as an unknown device, on every store', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 1));
    for (const deviceId of [`${d.deviceId}\u0000`, '\u0000', `${d.deviceId}\ud800`]) {
      expectError(await post(JSON.stringify({ ...batch, header: { ...batch.header, deviceId } })), 401, 'unknown-device');
    }
  });

  it('accepts an ES256 batch signed with either s and keeps the low-S signature', async () => {
    const d = await enrollDevice(server, 'ES256');
    let batch = await d.batch(await f2fs(d, 2));
    const high = sOf(batch.sig) > P256_N / 2n ? batch.sig : otherS(batch.sig);
    await expectReceipt(server, await d.send({ ...batch, sig: high }), batch, 'accepted', 2);
    await expectReceipt(server, await d.send({ ...batch, sig: lowS(high) }), batch, 'duplicate', 0);
    batch = await d.batch(await f2fs(d, 1));
    await expectReceipt(server, await d.send({ ...batch, sig: lowS(batch.sig) }), batch, 'accepted', 1);
    const stored = await server.store.db.selectFrom('batches').select('sig').where('device_id', '=', d.deviceId).orderBy('from_seq').execute();
    expect(stored.map((b) => b.sig)).toEqual([lowS(high), lowS(batch.sig)]);
  });

  it('delivers the 413 too-large of a 9 MiB body to a client that writes it all first', async () => {
    const body = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const r = await rawPost(`${server.url}/api/v1/batches`, body);
    expectError(r, 413, 'too-large');
    // The connection was drained, not broken: the server still answers.
    expect((await fetch(`${server.url}/api/v1/server-key`)).status).toBe(200);
  });
});
