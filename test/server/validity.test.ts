import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime } from '../../src/domain/ids';
import { sha256Hex } from '../../src/protocol/canon';
import { enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt, storedRecords } from './helpers';

const backends = await availableBackends();

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP_HEAD = [0x52, 0x49, 0x46, 0x46, 0x10, 0, 0, 0, 0x57, 0x45, 0x42, 0x50];
const bytesOf = (head: number[]) => new Uint8Array([...head, ...new TextEncoder().encode(`image ${Math.random()}`)]);
const SEALED = { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' } as const;

describe.each(backends.map((b) => [b.name, b] as const))('stricter record validity (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const noKey = { ...DEMO_CAMPAIGN, id: 'nokey', name: '无密钥活动', encryptionKey: null };
    expect((await server.admin('/api/v1/admin/campaigns/nokey', { method: 'PUT', body: noKey })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  /** Sends records expected to be refused (422 invalid-record), rewinds the local chain, and checks nothing was stored. */
  async function refusedAt(d: TestDevice, items: Parameters<TestDevice['seal']>[0], index: number, path: string) {
    const [seq, hash] = [d.sealedSeq, d.sealedHash];
    const before = (await server.store.logHead()).size;
    const r = await d.send(await d.batch(await d.seal(items)));
    d.sealedSeq = seq;
    d.sealedHash = hash;
    expectError(r, 422, 'invalid-record');
    expect({ index: r.body.index, path: r.body.path }).toEqual({ index, path });
    expect((await server.store.logHead()).size).toBe(before);
    return r;
  }
  async function accepted(d: TestDevice, items: Parameters<TestDevice['seal']>[0]) {
    const batch = await d.batch(await d.seal(items));
    await expectReceipt(server, await d.send(batch), batch, 'accepted', items.length);
    return batch.records;
  }
  const visit = (d: TestDevice, mode: 'covert' | 'open', extra: Record<string, unknown> = {}) =>
    d.unsealed(
      'visit',
      {
        unitId: 'brigade2',
        mode,
        visitedAt: isoTime(Date.now() - 60_000),
        categories: [DEMO_CAMPAIGN.findingCategories[0]!.id],
        severity: DEMO_CAMPAIGN.severities[0]!.id,
      },
      extra,
    );

  it('takes collector only as the device enrolled it, and refuses U+0000 the same on every store', async () => {
    const d = await enrollDevice(server);
    await refusedAt(d, [d.f2f(), d.unsealed('f2f', d.f2f().body, { collector: '李四' })], 1, '/collector');
    await refusedAt(d, [d.unsealed('f2f', d.f2f().body, { collector: `${d.collector}\u0000` })], 0, '/collector');
    // Ids are looked up before the record checks: one with U+0000 must not reach PostgreSQL.
    const nul = (id: string) => `${id.slice(0, 8)}\u0000${id.slice(9)}`;
    await refusedAt(d, [d.unsealed('f2f', d.f2f().body, { id: nul(d.f2f().id) })], 0, '/id');
    const [q] = await accepted(d, [d.f2f()]);
    const { H } = await import('../../src/protocol/canon');
    await refusedAt(d, [d.unsealed('void', { targetId: nul(q!.id), targetHash: await H(q), reason: '重复' })], 0, '/body/targetId');
  });

  it('takes only real instants of the years 2000 to 2100', async () => {
    const d = await enrollDevice(server);
    await refusedAt(d, [d.unsealed('f2f', d.f2f().body, { createdAt: '2026-13-01T09:00:00.000Z' })], 0, '/createdAt');
    await refusedAt(d, [d.unsealed('f2f', d.f2f().body, { createdAt: '2026-02-30T09:00:00.000Z' })], 0, '/createdAt');
    await refusedAt(d, [d.unsealed('f2f', { ...d.f2f().body, durationMs: 0 }, { sealedAt: '9999-12-31T23:59:59.999Z' } as never)], 0, '/sealedAt');
    await refusedAt(
      d,
      [d.unsealed('forum', { unitIds: ['law'], title: '座谈会', heldAt: '0000-01-01T00:00:00.000Z', place: '会议室', attendees: {}, opinions: [] })],
      0,
      '/body/heldAt',
    );
    await refusedAt(
      d,
      [visit(d, 'open', {}), { ...visit(d, 'open'), body: { ...visit(d, 'open').body, visitedAt: '2026-11-31T10:00:00.000Z' } }],
      1,
      '/body/visitedAt',
    );
    const stall = { place: '广场', unitIds: ['law'], openedAt: '2026-04-31T09:00:00.000Z', closedAt: '2026-05-01T09:00:00.000Z', visitors: 3, complaints: [] };
    await refusedAt(d, [d.unsealed('stall', stall)], 0, '/body/openedAt');
    await accepted(d, [d.unsealed('stall', { ...stall, openedAt: '2026-04-30T09:00:00.000Z' })]);
  });

  it('keeps createdAt ≤ sealedAt ≤ receipt + 10 min, createdAt ≥ enrollment − 10 min, and durationMs within them', async () => {
    const d = await enrollDevice(server);
    const now = Date.now();
    const at = (ms: number) => isoTime(now + ms);
    const f2f = (createdAt: string, sealedAt: string, durationMs = 0) => d.unsealed('f2f', { ...d.f2f().body, durationMs }, { createdAt, sealedAt } as never);
    await refusedAt(d, [f2f(at(0), at(-1))], 0, '/sealedAt');
    await refusedAt(d, [f2f(at(0), at(11 * 60_000))], 0, '/sealedAt');
    await refusedAt(d, [f2f(at(-11 * 60_000), at(0))], 0, '/createdAt');
    await refusedAt(d, [f2f(at(-60_000), at(0), 61_001)], 0, '/body/durationMs');
    await accepted(d, [f2f(at(-9 * 60_000), at(9 * 60_000), 18 * 60_000 + 1000), f2f(at(0), at(0), 1000)]);
  });

  it('takes only JPEG, PNG and WebP attachments, and checks the bytes of unsealed ones when the batch arrives', async () => {
    const d = await enrollDevice(server);
    const att = async (bytes: Uint8Array, mime: string, sealed = false) => ({ sha256: await sha256Hex(bytes), bytes: bytes.length, mime, sealed });
    const jpeg = bytesOf(JPEG_HEAD);
    const png = bytesOf(PNG_HEAD);
    const webp = bytesOf(WEBP_HEAD);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const b of [jpeg, png, webp, svg]) expect((await d.uploadBlob(b)).status).toBe(201);

    await refusedAt(d, [visit(d, 'open', { attachments: [await att(jpeg, 'image/jpeg'), await att(svg, 'image/svg+xml')] })], 0, '/attachments/1/mime');
    await refusedAt(d, [visit(d, 'open', { attachments: [await att(svg, 'text/html')] })], 0, '/attachments/0/mime');
    // Declared as an image, but the uploaded bytes are not that image.
    await refusedAt(d, [d.f2f(), visit(d, 'open', { attachments: [await att(svg, 'image/jpeg')] })], 1, '/attachments/0/mime');
    await refusedAt(d, [visit(d, 'open', { attachments: [await att(jpeg, 'image/jpeg'), await att(png, 'image/webp')] })], 0, '/attachments/1/mime');
    // A held blob with the wrong bytes is named before a blob not uploaded yet.
    const absent = bytesOf(JPEG_HEAD);
    await refusedAt(d, [visit(d, 'open', { attachments: [await att(absent, 'image/jpeg'), await att(webp, 'image/png')] })], 0, '/attachments/1/mime');
    await accepted(d, [visit(d, 'open', { attachments: [await att(jpeg, 'image/jpeg'), await att(png, 'image/png'), await att(webp, 'image/webp')] })]);
    // Sealed bytes are ciphertext: only their declared type is checked.
    await accepted(d, [visit(d, 'covert', { sealed: SEALED, attachments: [await att(svg, 'image/jpeg', true)] })]);
  });

  it('takes covert visits only sealed, with sealed photos, and only in a campaign with an encryption key', async () => {
    const d = await enrollDevice(server);
    const photo = bytesOf(JPEG_HEAD);
    expect((await d.uploadBlob(photo)).status).toBe(201);
    const att = { sha256: await sha256Hex(photo), bytes: photo.length, mime: 'image/jpeg', sealed: false };
    await refusedAt(d, [visit(d, 'covert')], 0, '/sealed');
    await refusedAt(d, [visit(d, 'covert', { sealed: SEALED, attachments: [{ ...att, sealed: true }, att] })], 0, '/attachments/1/sealed');
    await accepted(d, [visit(d, 'covert', { sealed: SEALED, attachments: [{ ...att, sealed: true }] }), visit(d, 'open', { attachments: [att] })]);

    const n = await enrollDevice(server, 'Ed25519', 'nokey');
    await refusedAt(n, [visit(n, 'covert')], 0, '/body/mode');
    await accepted(n, [visit(n, 'open')]);
  });

  it('bounds free text at 2,000 characters and every other string at 200, without U+0000 or lone surrogates', async () => {
    const d = await enrollDevice(server);
    const long = (n: number) => '评'.repeat(n);
    await refusedAt(d, [d.f2f({ comment: long(2001) })], 0, '/body/comment');
    await refusedAt(d, [d.f2f({ respondent: { occupation: long(201) } })], 0, '/body/respondent/occupation');
    await refusedAt(d, [d.f2f({ note: 'x'.repeat(201) })], 0, '/body/note');
    await refusedAt(d, [d.f2f({ ['k'.repeat(201)]: 1 })], 0, `/body/${'k'.repeat(201)}`);
    await refusedAt(d, [d.f2f({ comment: '办事\ud800' })], 0, '/body/comment');
    await refusedAt(d, [d.f2f({ extra: { list: ['ok', '\u0000'] } })], 0, '/body/extra/list/1');
    const forum = (title: string, text: string) =>
      d.unsealed('forum', {
        unitIds: ['law'],
        title,
        heldAt: isoTime(Date.now()),
        place: '会议室',
        attendees: { public: 3 },
        opinions: [{ kind: 'opinion', text }],
      });
    await refusedAt(d, [forum(long(201), '好')], 0, '/body/title');
    await refusedAt(d, [forum('座谈会', long(2001))], 0, '/body/opinions/0/text');
    const stall = { place: '广场', unitIds: ['law'], openedAt: isoTime(Date.now() - 1000), closedAt: isoTime(Date.now()), visitors: 1 };
    await refusedAt(d, [d.unsealed('stall', { ...stall, complaints: [{ unitId: 'law', category: 'x', text: long(2001) }] })], 0, '/body/complaints/0/text');
    await refusedAt(d, [d.unsealed('stall', { ...stall, complaints: [{ unitId: 'law', category: long(201), text: '慢' }] })], 0, '/body/complaints/0/category');
    const [q] = await accepted(d, [
      d.f2f({ comment: long(2000), respondent: { occupation: long(200) }, note: '𠀀'.repeat(200) }),
      forum(long(200), long(2000)),
    ]);
    const { H } = await import('../../src/protocol/canon');
    await refusedAt(d, [d.unsealed('void', { targetId: q!.id, targetHash: await H(q), reason: long(2001) })], 0, '/body/reason');
    await refusedAt(
      d,
      [d.unsealed('amend', { targetId: q!.id, targetHash: await H(q), reason: '更正', body: { ...q!.body, comment: long(2001) } })],
      0,
      '/body/body/comment',
    );
    await accepted(d, [d.unsealed('amend', { targetId: q!.id, targetHash: await H(q), reason: long(2000), body: { ...q!.body, comment: long(2000) } })]);
  });

  it('takes only integers as numbers, anywhere in a record', async () => {
    const d = await enrollDevice(server);
    await refusedAt(d, [d.f2f({ extra: 0.1 })], 0, '/body/extra');
    await refusedAt(d, [d.f2f({ extra: 1e21 })], 0, '/body/extra');
    await refusedAt(d, [d.f2f({ extra: { deep: [1, 2, -2.5] } })], 0, '/body/extra/deep/2');
    await refusedAt(d, [d.f2f({ location: { latE6: 30_000_000, lonE6: 104_000_000, accuracyM: 5, altitudeM: 0.5 } })], 0, '/body/location/altitudeM');
    await accepted(d, [d.f2f({ extra: { deep: [1, 2, -3, 2 ** 53 - 1] } })]);
    expect((await storedRecords(server, d.deviceId)).map((s) => s.record.body.extra)).toEqual([{ deep: [1, 2, -3, 2 ** 53 - 1] }]);
  });
});
