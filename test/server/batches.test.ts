import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H } from '../../src/protocol/canon';
import { enrollDevice, f2fs, type TestDevice } from './device';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt, resign, storedRecords } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('POST /api/v1/batches: the check table (%s)', (_name, backend) => {
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

  it('accepts a first batch with a verifiable receipt carrying the log head', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 3));
    const body = await expectReceipt(server, await d.send(batch), batch, 'accepted', 3);
    expect(body.receipt.logSize).toBeGreaterThanOrEqual(3);
    expect(body.receipt.logRoot).toMatch(/^[0-9a-f]{64}$/);
    const stored = await storedRecords(server, d.deviceId);
    expect(stored.map((s) => s.record)).toEqual(batch.records);
    expect(stored.map((s) => s.hash)).toEqual(await Promise.all(batch.records.map((r) => H(r))));
  });

  it('refuses a body over 8 MiB with 413 too-large', async () => {
    const r = await postJson(`${server.url}/api/v1/batches`, { pad: 'x'.repeat(8 * 1024 * 1024 + 10) });
    expectError(r, 413, 'too-large');
  });

  it('refuses text that is not JSON, and JSON of another shape, with 400 malformed', async () => {
    const res = await fetch(`${server.url}/api/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"header":' });
    expectError({ status: res.status, body: await res.json() }, 400, 'malformed');
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 1));
    expectError(await d.send({ ...batch, header: { ...batch.header, fromSeq: 'one' } }), 400, 'malformed');
    expectError(await d.send({ header: batch.header, sig: batch.sig }), 400, 'malformed');
    expectError(await d.send({ ...batch, extra: true }), 400, 'malformed');
  });

  it('refuses more than 500 records with 413 too-large', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 501));
    expectError(await d.send(batch), 413, 'too-large');
  });

  it('refuses an unknown device, or a known device with another key, with 401 unknown-device', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 1));
    expectError(await d.send(await resign(d, { ...batch, header: { ...batch.header, deviceId: 'nobody' } })), 401, 'unknown-device');
    expectError(await d.send(await resign(d, { ...batch, header: { ...batch.header, keyId: 'another-key' } })), 401, 'unknown-device');
  });

  it('refuses a batch whose signature does not verify with 401 bad-signature, before chain checks', async () => {
    const d = await enrollDevice(server);
    const other = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 2));
    expectError(await d.send({ ...batch, sig: (await other.batch(await f2fs(other, 1))).sig }), 401, 'bad-signature');
    // Header changed after signing (count is also wrong for the chain): the signature check comes first.
    expectError(await d.send({ ...batch, header: { ...batch.header, count: 3 } }), 401, 'bad-signature');
    expectError(await d.send({ ...batch, sig: 'not-a-signature' }), 401, 'bad-signature');
  });

  describe('bad-chain (422), every rule', () => {
    let d: TestDevice;
    beforeAll(async () => {
      d = await enrollDevice(server);
    });
    const tamper = async (fn: (b: any) => void) => {
      const seqBefore = d.sealedSeq;
      const hashBefore = d.sealedHash;
      const batch: any = structuredClone(await d.batch(await f2fs(d, 3)));
      d.sealedSeq = seqBefore; // nothing of it is stored: the next batch starts over
      d.sealedHash = hashBefore;
      fn(batch);
      return resign(d, batch);
    };
    it('count', async () => expectError(await d.send(await tamper((b) => (b.header.count = 2))), 422, 'bad-chain'));
    it('seq range', async () => expectError(await d.send(await tamper((b) => (b.header.toSeq = 4))), 422, 'bad-chain'));
    it('consecutive seqs', async () => expectError(await d.send(await tamper((b) => (b.records[1].seq = 5))), 422, 'bad-chain'));
    it('deviceIds', async () => expectError(await d.send(await tamper((b) => (b.records[2].deviceId = 'x'))), 422, 'bad-chain'));
    it('prev links', async () => expectError(await d.send(await tamper((b) => (b.records[1].body.overall = 'very'))), 422, 'bad-chain'));
    it('first prev = prevHash', async () => expectError(await d.send(await tamper((b) => (b.header.prevHash = 'a'.repeat(64)))), 422, 'bad-chain'));
    it('H(last) = headHash', async () => expectError(await d.send(await tamper((b) => (b.records[2].body.overall = 'very'))), 422, 'bad-chain'));
    it('and then the untampered chain is accepted', async () => {
      const batch = await d.batch(await f2fs(d, 3));
      await expectReceipt(server, await d.send(batch), batch, 'accepted', 3);
    });
  });
});
