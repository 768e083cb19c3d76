import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { sha256Hex } from '../../src/protocol/canon';
import { signBlob } from '../../src/protocol/build';
import { sweepPartialUploads } from '../../src/server/blob-uploads';
import { enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt } from './helpers';

// Resumable photo uploads (PROTOCOL.md "Attachments", optional extension): parts with
// Content-Range, the question "how much is held", the join checked against the address, and the
// sweep of uploads left unfinished.

const backends = await availableBackends();
const HOUR = 3_600_000;

function photo(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  crypto.getRandomValues(b.subarray(4, Math.min(n, 60_000)));
  return b;
}

/** A PUT naming device `d`, signed by `signer` (d itself unless a forger is given). */
async function put(d: TestDevice, sha256: string, body: Uint8Array, range?: string, signer: TestDevice = d) {
  const res = await fetch(`${d.url}/api/v1/blobs/${sha256}`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'x-pingyi-device': d.deviceId,
      'x-pingyi-sig': await signBlob(signer, sha256),
      ...(range ? { 'content-range': range } : {}),
    },
    body: body as BodyInit,
  });
  return { status: res.status, body: await res.json(), range: res.headers.get('range') };
}

describe.each(backends.map((b) => [b.name, b] as const))('resumable blob uploads (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let clock = Date.parse('2026-11-21T08:00:00.000Z');
  const now = () => clock;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place, { now }, { PINGYI_BLOB_QUOTA_BYTES: String(200_000) });
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('takes a blob in parts, says how much it holds, continues after a lost answer and stores the whole once', async () => {
    const d = await enrollDevice(server);
    const bytes = photo(50_000);
    const sha = await sha256Hex(bytes);
    const empty = new Uint8Array(0);
    expect(await put(d, sha, empty, 'bytes */50000')).toMatchObject({ status: 202, body: { sha256: sha, received: 0, total: 50000 }, range: null });
    expect(await put(d, sha, bytes.subarray(0, 20_000), 'bytes 0-19999/50000')).toMatchObject({ status: 202, body: { received: 20000 } });
    // The answer was lost: the part is sent again, and nothing is stored twice.
    expect(await put(d, sha, bytes.subarray(0, 20_000), 'bytes 0-19999/50000')).toMatchObject({ status: 202, body: { received: 20000 } });
    const asked = await put(d, sha, empty, 'bytes */50000');
    expect(asked).toMatchObject({ status: 202, body: { received: 20000, total: 50000 }, range: 'bytes=0-19999' });
    // A part past the held bytes would leave a hole.
    const hole = await put(d, sha, bytes.subarray(30_000, 40_000), 'bytes 30000-39999/50000');
    expectError(hole, 409, 'range-mismatch');
    expect(hole.body.received).toBe(20000);
    // A part overlapping the held bytes adds only its new tail.
    expect(await put(d, sha, bytes.subarray(10_000, 30_000), 'bytes 10000-29999/50000')).toMatchObject({ status: 202, body: { received: 30000 } });
    expect(await server.store.hasBlob(sha)).toBe(false);
    expect(await put(d, sha, bytes.subarray(30_000), 'bytes 30000-49999/50000')).toMatchObject({ status: 201, body: { sha256: sha, bytes: 50000 } });
    const res = await fetch(`${server.url}/api/v1/admin/blobs/${sha}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const parts = await server.store.db
      .selectFrom('blob_parts' as never)
      .selectAll()
      .execute();
    expect(parts).toEqual([]);
    // Held: the question and any part answer 200, as a whole upload of a held blob does.
    expect(await put(d, sha, empty, 'bytes */50000')).toMatchObject({ status: 200, body: { sha256: sha, bytes: 50000 } });
    expect((await put(d, sha, bytes.subarray(0, 100), 'bytes 0-99/50000')).status).toBe(200);
    // And a record may name it.
    const batch = await d.batch(
      await d.seal([
        d.unsealed(
          'visit',
          { unitId: 'law', mode: 'open', visitedAt: '2026-11-21T07:58:00.000Z', categories: [DEMO_CAMPAIGN.findingCategories[0]!.id], severity: 'minor' },
          { attachments: [{ sha256: sha, bytes: bytes.length, mime: 'image/jpeg', sealed: false }] },
        ),
      ]),
    );
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 1);
  });

  it('keeps parts per device, refuses parts that do not join to the address, and a malformed range', async () => {
    const d = await enrollDevice(server);
    const other = await enrollDevice(server);
    const bytes = photo(30_000);
    const sha = await sha256Hex(bytes);
    await put(d, sha, bytes.subarray(0, 10_000), 'bytes 0-9999/30000');
    // Another device has its own upload of it (and cannot finish this one's).
    expect((await put(other, sha, new Uint8Array(0), 'bytes */30000')).body.received).toBe(0);
    expectError(await put(other, sha, bytes.subarray(10_000), 'bytes 10000-29999/30000'), 409, 'range-mismatch');
    // Signed by another device than the one named: refused as a whole upload is.
    expectError(await put(d, sha, bytes.subarray(10_000, 20_000), 'bytes 10000-19999/30000', other), 401, 'bad-signature');
    // Bytes that do not hash to the address: refused once joined, and the parts are gone.
    const forged = photo(30_000);
    expect((await put(d, sha, forged.subarray(10_000, 20_000), 'bytes 10000-19999/30000')).status).toBe(202);
    const wrong = await put(d, sha, forged.subarray(20_000), 'bytes 20000-29999/30000');
    expectError(wrong, 422, 'hash-mismatch');
    expect((await put(d, sha, new Uint8Array(0), 'bytes */30000')).body.received).toBe(0);
    expect(await server.store.hasBlob(sha)).toBe(false);
    for (const [range, body] of [
      ['bytes 0-99/50', bytes.subarray(0, 100)],
      ['bytes 10-5/30000', bytes.subarray(0, 6)],
      ['bytes 0-99/30000', bytes.subarray(0, 50)],
      ['bytes */30000', bytes.subarray(0, 5)],
      ['bytes=0-99/30000', bytes.subarray(0, 100)],
      [`bytes 0-99/${30 * 1024 * 1024}`, bytes.subarray(0, 100)],
    ] as const) {
      expectError(await put(d, sha, body, range), 400, 'malformed');
    }
  });

  it('answers any Content-Range a device may write with the upload state or a shaped refusal, never a 500', async () => {
    const d = await enrollDevice(server);
    const bytes = photo(4_000);
    const sha = await sha256Hex(bytes);
    const num = fc.oneof(fc.nat({ max: 5_000 }).map(String), fc.constantFrom('-1', '1e400', '9007199254740993', '0x10', '', ' 7', '00', '4000', '3999', '*'));
    const range = fc.oneof(
      fc.tuple(num, num, num).map(([a, b, t]) => `bytes ${a}-${b}/${t}`),
      num.map((t) => `bytes */${t}`),
      fc.string({ maxLength: 40 }),
      fc.tuple(num, num, num).map(([a, b, t]) => `bytes ${a}-${b}/${t}, bytes ${a}-${b}/${t}`),
    );
    await fc.assert(
      fc.asyncProperty(range, fc.nat({ max: 4_000 }), fc.nat({ max: 4_000 }), async (r, from, n) => {
        const res = await put(d, sha, bytes.subarray(from, from + n), r).catch((e: unknown) => ({ status: 0, body: { error: String(e) } }));
        // A header value fetch will not send (a control character) is the client's own refusal.
        if (res.status === 0) return;
        expect(res.status, `${r}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.body.error, r).toMatch(/^[a-z]+(-[a-z]+)*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('counts unfinished uploads against the quota and sweeps them after a day without a part', async () => {
    const d = await enrollDevice(server);
    const big = photo(150_000);
    const bigSha = await sha256Hex(big);
    expect((await put(d, bigSha, big.subarray(0, 120_000), 'bytes 0-119999/150000')).status).toBe(202);
    const next = photo(100_000);
    expectError(await put(d, await sha256Hex(next), next.subarray(0, 90_000), 'bytes 0-89999/100000'), 413, 'quota-exceeded');
    const lines: string[] = [];
    clock += 23 * HOUR;
    expect(await sweepPartialUploads(server.store, now, (l) => lines.push(l))).toBe(0);
    clock += 2 * HOUR;
    expect(await sweepPartialUploads(server.store, now, (l) => lines.push(l))).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^removed the unfinished upload of blob ${bigSha} \\(120000 bytes sent\\) of device `));
    expect((await put(d, bigSha, new Uint8Array(0), 'bytes */150000')).body.received).toBe(0);
    expect((await put(d, await sha256Hex(next), next.subarray(0, 90_000), 'bytes 0-89999/100000')).status).toBe(202);
  });
  it('keeps the quota when uploads come at once: whole uploads and parts of other photos each take room only if it is there', async () => {
    // The quota is 200,000 bytes: three uploads of 60,000 fit, a fourth does not, whatever their order.
    const d = await enrollDevice(server);
    const wholes = Array.from({ length: 6 }, () => photo(60_000));
    const answers = await Promise.all(wholes.map(async (b) => put(d, await sha256Hex(b), b)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    for (const a of answers.filter((x) => x.status !== 201)) expectError(a, 413, 'quota-exceeded');

    const e = await enrollDevice(server);
    const parted = Array.from({ length: 4 }, () => photo(100_000));
    const more = Array.from({ length: 3 }, () => photo(60_000));
    const mixed = await Promise.all([
      ...parted.map(async (b) => put(e, await sha256Hex(b), b.subarray(0, 60_000), 'bytes 0-59999/100000')),
      ...more.map(async (b) => put(e, await sha256Hex(b), b)),
    ]);
    expect(mixed.filter((a) => a.status === 201 || a.status === 202)).toHaveLength(3);
    for (const a of mixed.filter((x) => x.status !== 201 && x.status !== 202)) expectError(a, 413, 'quota-exceeded');
  });
});
