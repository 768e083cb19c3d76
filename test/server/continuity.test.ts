import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H, ZERO } from '../../src/protocol/canon';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, f2fs } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt, storedRecords } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('batch continuity (%s)', (_name, backend) => {
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

  it('answers a batch sent again with 200 duplicate, appended 0 and a fresh signed receipt', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await f2fs(d, 4));
    const first = await expectReceipt(server, await d.send(batch), batch, 'accepted', 4);
    const again = await expectReceipt(server, await d.send(batch), batch, 'duplicate', 0);
    expect(again.receipt.logSize).toBe(first.receipt.logSize);
    expect(again.receipt.logRoot).toBe(first.receipt.logRoot);
    // A batch that is a prefix of what is stored is a duplicate as well.
    const prefix = await d.batch(batch.records.slice(0, 2));
    await expectReceipt(server, await d.send(prefix), prefix, 'duplicate', 0);
    expect(await storedRecords(server, d.deviceId)).toHaveLength(4);
  });

  it('appends only the new records of an overlapping batch', async () => {
    const d = await enrollDevice(server);
    const first = await f2fs(d, 3);
    await expectReceipt(server, await d.send(await d.batch(first)), await d.batch(first), 'accepted', 3);
    const more = await f2fs(d, 2);
    const overlap = await d.batch([...first.slice(1), ...more]);
    await expectReceipt(server, await d.send(overlap), overlap, 'accepted', 2);
    const stored = await storedRecords(server, d.deviceId);
    expect(stored.map((s) => s.record.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a batch beyond the head with 409 chain-gap and expectedSeq', async () => {
    const d = await enrollDevice(server);
    const a = await f2fs(d, 2);
    const b = await f2fs(d, 2);
    const c = await f2fs(d, 2);
    const r = await d.send(await d.batch(c));
    expectError(r, 409, 'chain-gap');
    expect(r.body.expectedSeq).toBe(1);
    await expectReceipt(server, await d.send(await d.batch(a)), await d.batch(a), 'accepted', 2);
    const r2 = await d.send(await d.batch(c));
    expectError(r2, 409, 'chain-gap');
    expect(r2.body.expectedSeq).toBe(3);
    const bc = await d.batch([...b, ...c]);
    await expectReceipt(server, await d.send(bc), bc, 'accepted', 4);
  });

  it('keeps an equivocating batch as evidence, answers 409 chain-conflict, and leaves the chain untouched', async () => {
    const d = await enrollDevice(server);
    const original = await f2fs(d, 3);
    const accepted = await d.batch(original);
    const answer = await expectReceipt(server, await d.send(accepted), accepted, 'accepted', 3);

    // The device (or a clone of its key) seals a different record 2, and a record 4 after it.
    d.sealedSeq = 1;
    d.sealedHash = await H(original[0]!);
    const forked = await d.seal([d.f2f({ overall: 'very' }), d.f2f(), d.f2f()]);
    const conflict = await d.batch(forked);
    const r = await d.send(conflict);
    expectError(r, 409, 'chain-conflict');
    expect(r.body.seq).toBe(2);
    // Sent again: still a conflict, and still one piece of evidence.
    expectError(await d.send(conflict), 409, 'chain-conflict');
    // Overlapping only the head (toSeq ≤ head with another hash) is a conflict too.
    const fullFork = await d.batch(forked.slice(0, 2));
    expectError(await d.send(fullFork), 409, 'chain-conflict');

    const stored = await storedRecords(server, d.deviceId);
    expect(stored.map((s) => s.record)).toEqual(original);
    const evidence = await server.store.db.selectFrom('chain_conflicts').selectAll().where('device_id', '=', d.deviceId).execute();
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ seq: 2, stored_hash: await H(original[1]!), offered_hash: await H(forked[0]!), sig: conflict.sig });
    expect(JSON.parse(evidence[0]!.offered_canon)).toEqual(forked[0]);
    expect(JSON.parse(evidence[0]!.records)).toEqual(forked);
    // The original chain still continues, and the log did not move.
    const dup = await expectReceipt(server, await d.send(accepted), accepted, 'duplicate', 0);
    expect(dup.receipt.logSize).toBeGreaterThanOrEqual(answer.receipt.logSize);
    const devices = await server.admin('/api/v1/admin/devices');
    expect(devices.body.devices.find((x: any) => x.deviceId === d.deviceId).headSeq).toBe(3);
  });

  it('refuses a batch right after the head whose prevHash is not the head hash with 409 chain-conflict, kept as evidence', async () => {
    const d = await enrollDevice(server);
    // A first batch must link to the zero hash.
    d.sealedHash = 'f'.repeat(64);
    const badFirst = await d.batch(await f2fs(d, 2));
    const r1 = await d.send(badFirst);
    expectError(r1, 409, 'chain-conflict');
    expect(r1.body.seq).toBe(1);
    expect(await storedRecords(server, d.deviceId)).toHaveLength(0);

    d.sealedSeq = 0;
    d.sealedHash = ZERO;
    const good = await d.batch(await f2fs(d, 3));
    await expectReceipt(server, await d.send(good), good, 'accepted', 3);
    // Seq 4 onwards, linked to something other than the stored record 3: a fork at the link.
    d.sealedHash = await H(good.records[1]!);
    const forked = await d.batch(await f2fs(d, 2));
    const r2 = await d.send(forked);
    expectError(r2, 409, 'chain-conflict');
    expect(r2.body.seq).toBe(4);

    const stored = await storedRecords(server, d.deviceId);
    expect(stored.map((s) => s.record)).toEqual(good.records);
    const devices = (await server.admin('/api/v1/admin/devices')).body.devices;
    expect(devices.find((x: any) => x.deviceId === d.deviceId).headSeq).toBe(3);
    const evidence = await server.store.db.selectFrom('chain_conflicts').selectAll().where('device_id', '=', d.deviceId).orderBy('seq').execute();
    expect(evidence.map((e) => [e.seq, e.stored_hash, e.offered_hash, e.sig])).toEqual([
      [1, ZERO, await H(badFirst.records[0]!), badFirst.sig],
      [4, await H(good.records[2]!), await H(forked.records[0]!), forked.sig],
    ]);

    // The server's own export still verifies offline (every device chain links).
    const res = await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    const results = await verifyExportLines((await res.text()).trimEnd().split('\n'));
    expect(results.filter((x) => !x.ok)).toEqual([]);
  });

  it('accepts both signing algorithms, and keeps the device chains apart', async () => {
    const ed = await enrollDevice(server, 'Ed25519');
    const es = await enrollDevice(server, 'ES256');
    for (let round = 0; round < 2; round++) {
      for (const d of [ed, es]) {
        const batch = await d.batch(await f2fs(d, 2));
        await expectReceipt(server, await d.send(batch), batch, 'accepted', 2);
      }
    }
    expect((await storedRecords(server, es.deviceId)).map((s) => s.record.seq)).toEqual([1, 2, 3, 4]);
    const devices = (await server.admin('/api/v1/admin/devices')).body.devices;
    expect(devices.find((x: any) => x.deviceId === es.deviceId)).toMatchObject({ alg: 'ES256', headSeq: 4, revokedAt: null });
  });

  it('accepts exactly 500 records in one batch', async () => {
    const d = await enrollDevice(server, 'ES256');
    const batch = await d.batch(await f2fs(d, 500));
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 500);
  });

  it('refuses a revoked device with 403 revoked-device and keeps what it sent', async () => {
    const d = await enrollDevice(server);
    const first = await d.batch(await f2fs(d, 2));
    await expectReceipt(server, await d.send(first), first, 'accepted', 2);
    const revoked = await server.admin(`/api/v1/admin/devices/${d.deviceId}/revoke`, { body: {} });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toMatch(/Z$/);
    expectError(await d.send(await d.batch(await f2fs(d, 1))), 403, 'revoked-device');
    // Even a batch it sent before is refused now: it may send nothing more.
    expectError(await d.send(first), 403, 'revoked-device');
    expect(await storedRecords(server, d.deviceId)).toHaveLength(2);
    const again = await server.admin(`/api/v1/admin/devices/${d.deviceId}/revoke`, { body: {} });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await server.admin('/api/v1/admin/devices/nobody/revoke', { body: {} })).status).toBe(404);
  });
});
