import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H } from '../../src/protocol/canon';
import { enrollDevice, f2fs } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('chain conflicts listed for the office (%s)', (_name, backend) => {
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

  it('lists a stored conflict with both versions and marks its device; an honest device has none', async () => {
    const honest = await enrollDevice(server);
    expect((await honest.send(await honest.batch(await f2fs(honest, 2)))).status).toBe(200);
    const d = await enrollDevice(server);
    const original = await f2fs(d, 3);
    expect((await d.send(await d.batch(original))).status).toBe(200);
    // The device (or a clone of its key) seals another record 2.
    d.sealedSeq = 1;
    d.sealedHash = await H(original[0]!);
    const forked = await d.seal([d.f2f({ overall: 'very', comment: '另一个版本' })]);
    expectError(await d.send(await d.batch(forked)), 409, 'chain-conflict');

    const all = await server.admin('/api/v1/admin/conflicts');
    expect(all.status).toBe(200);
    expect(all.body.conflicts).toEqual([
      {
        deviceId: d.deviceId,
        seq: 2,
        receivedAt: expect.stringMatching(/Z$/),
        stored: { hash: await H(original[1]!), record: original[1] },
        offered: { hash: await H(forked[0]!), record: forked[0] },
      },
    ]);
    expect((await server.admin(`/api/v1/admin/conflicts?deviceId=${d.deviceId}`)).body.conflicts).toEqual(all.body.conflicts);
    expect((await server.admin(`/api/v1/admin/conflicts?deviceId=${honest.deviceId}`)).body.conflicts).toEqual([]);
    const devices = (await server.admin('/api/v1/admin/devices')).body.devices;
    expect(devices.find((x: any) => x.deviceId === d.deviceId).conflicts).toBe(1);
    expect(devices.find((x: any) => x.deviceId === honest.deviceId).conflicts).toBe(0);
  });

  it('refuses other parameters and callers without the token', async () => {
    expectError(await server.admin('/api/v1/admin/conflicts?deviceId=a&deviceId=b'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/conflicts?seq=2'), 400, 'malformed');
    expect((await fetch(`${server.url}/api/v1/admin/conflicts`)).status).toBe(401);
  });
});
