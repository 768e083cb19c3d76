import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { sql, type Kysely } from 'kysely';
import { canonString, H, sha256Hex } from '../../src/protocol/canon';
import { enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt, storedRecords } from './helpers';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('record validation, corrections and attachments (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const other = { ...DEMO_CAMPAIGN, id: 'other', name: '另一活动' };
    expect((await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: other })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  /** Sends records that are expected to be refused, then rewinds the device's local chain. */
  async function refused(d: TestDevice, items: Parameters<TestDevice['seal']>[0]) {
    const [seq, hash] = [d.sealedSeq, d.sealedHash];
    const records = await d.seal(items);
    const r = await d.send(await d.batch(records));
    d.sealedSeq = seq;
    d.sealedHash = hash;
    return r;
  }
  async function accepted(d: TestDevice, items: Parameters<TestDevice['seal']>[0]) {
    const batch = await d.batch(await d.seal(items));
    await expectReceipt(server, await d.send(batch), batch, 'accepted', items.length);
    return batch.records;
  }

  it('stores each record as its canonical text, byte for byte what was hashed, as text', async () => {
    const d = await enrollDevice(server);
    // Astral characters, CJK, and what the canonical form escapes (a quote, a backslash, a control character).
    const [record] = await accepted(d, [d.f2f({ comment: '👍🏽 办事快 "引号" \\ 换行\n结束' })]);
    const db = server.store.db as Kysely<any>;
    const kind = _name === 'sqlite' ? sql<string>`typeof(canon)` : sql<string>`pg_typeof(canon)::text`;
    const row = await db
      .selectFrom('records')
      .select(['canon', 'hash', kind.as('kind')])
      .where('id', '=', record!.id)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe('text');
    expect(row.canon).toBe(canonString(record));
    expect(await sha256Hex(new TextEncoder().encode(row.canon))).toBe(row.hash);
  });

  it('points at the first invalid record with its index and an RFC 6901 path; nothing of the batch is stored', async () => {
    const d = await enrollDevice(server);
    const r = await refused(d, [d.f2f(), d.f2f(), d.f2f({ unitId: 'nope' }), d.f2f({ overall: 'bogus' })]);
    expectError(r, 422, 'invalid-record');
    expect(r.body).toMatchObject({ index: 2, path: '/body/unitId' });
    const r2 = await refused(d, [d.f2f({ ratings: { ...Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((x) => [x.id, 'very'])), lawful: 'x' } })]);
    expect(r2.body).toMatchObject({ error: 'invalid-record', index: 0, path: '/body/ratings/lawful' });
    const r3 = await refused(d, [d.unsealed('f2f', d.f2f().body, { extra: 1 } as never)]);
    expect(r3.body).toMatchObject({ error: 'invalid-record', index: 0 });
    expect(await storedRecords(server, d.deviceId)).toHaveLength(0);
  });

  it('refuses records of a campaign the device is not enrolled in, at /campaignId', async () => {
    const d = await enrollDevice(server);
    const r = await refused(d, [d.f2f(), d.unsealed('f2f', d.f2f().body, { campaignId: 'other' })]);
    expect(r.body).toMatchObject({ error: 'invalid-record', index: 1, path: '/campaignId' });
    const inOther = await enrollDevice(server, 'Ed25519', 'other');
    await accepted(inOther, [inOther.f2f()]);
  });

  it('checks each batch against the campaign definition in force when it arrives', async () => {
    const defined = { ...DEMO_CAMPAIGN, id: 'changing', name: '调整中的活动' };
    expect((await server.admin('/api/v1/admin/campaigns/changing', { method: 'PUT', body: defined })).status).toBe(201);
    const d = await enrollDevice(server, 'Ed25519', 'changing');
    await accepted(d, [d.f2f({ unitId: 'brigade1' })]);
    // brigade2 has no records yet, so it may be removed (a unit with records may only be retired).
    const fewer = { ...defined, units: defined.units.filter((u) => u.id !== 'brigade2') };
    expect((await server.admin('/api/v1/admin/campaigns/changing', { method: 'PUT', body: fewer })).status).toBe(200);
    const r = await refused(d, [d.f2f({ unitId: 'brigade2' })]);
    expect(r.body).toMatchObject({ error: 'invalid-record', index: 0, path: '/body/unitId' });
    expect((await server.admin('/api/v1/admin/campaigns/changing', { method: 'PUT', body: defined })).status).toBe(200);
    await accepted(d, [d.f2f({ unitId: 'brigade2' })]);
  });

  it('refuses a record id used before on this server, at /id', async () => {
    const d = await enrollDevice(server);
    const [first] = await accepted(d, [d.f2f()]);
    const e = await enrollDevice(server);
    const r = await refused(e, [e.unsealed('f2f', e.f2f().body, { id: first!.id })]);
    expect(r.body).toMatchObject({ error: 'invalid-record', index: 0, path: '/id' });
    const dupInBatch = d.f2f();
    const r2 = await refused(d, [dupInBatch, { ...dupInBatch }]);
    expect(r2.body).toMatchObject({ error: 'invalid-record', index: 1, path: '/id' });
    // A batch right after the head is checked without looking its ids up at first: the answer still
    // names the first problem in order, the used id before a later record's bad answer.
    const r3 = await refused(e, [e.unsealed('f2f', e.f2f().body, { id: first!.id }), e.f2f({ overall: 'bogus' })]);
    expect(r3.body).toMatchObject({ error: 'invalid-record', index: 0, path: '/id' });
    // And nothing of a refused batch is kept: the device sends from seq 1 still.
    await accepted(e, [e.f2f()]);
    expect((await storedRecords(server, e.deviceId)).map((x: any) => x.record.seq)).toEqual([1]);
  });

  it('answers a large batch, parsed record by record, as a whole parse would: __proto__ refused, the batch accepted', async () => {
    const d = await enrollDevice(server);
    const batch = await d.batch(await d.seal(Array.from({ length: 120 }, () => d.f2f())));
    const text = JSON.stringify(batch);
    expect(text.length).toBeGreaterThan(64 * 1024); // the size from which the body is cut (batch-json.ts)
    const post = (body: string) => fetch(`${server.url}/api/v1/batches`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const poisoned = await post(text.replace('"type":"f2f"', '"__proto__":{"x":1},"type":"f2f"'));
    expect(poisoned.status).toBe(400);
    expect(await poisoned.json()).toMatchObject({ error: 'malformed', message: expect.stringContaining('"__proto__"') });
    const broken = await post(text.replace('},{', '} {'));
    expect(broken.status).toBe(400);
    await expectReceipt(server, { status: 200, body: await (await post(text)).json() }, batch, 'accepted', 120);
  });

  it('accepts amends and voids of stored targets and of earlier records in the same batch', async () => {
    const d = await enrollDevice(server);
    const [q1, q2] = await accepted(d, [d.f2f(), d.f2f()]);
    const amend = (t: any, body: Record<string, unknown>) => d.unsealed('amend', { targetId: t.id, targetHash: '', reason: '填写错误', body });
    const withHash = async (u: any, t: any) => ({ ...u, body: { ...u.body, targetHash: await H(t) } });
    const records = await accepted(d, [
      await withHash(amend(q1, { ...q1!.body, overall: 'less' }), q1),
      await withHash(d.unsealed('void', { targetId: q2!.id, targetHash: '', reason: '重复录入' }), q2),
    ]);
    expect(records).toHaveLength(2);
    // Same batch: a questionnaire, its amend, then a void of another new one.
    const q3 = d.f2f();
    const q4 = d.f2f();
    const sealedQ = await d.seal([q3, q4]);
    const rest = await d.seal([
      await withHash(amend(sealedQ[0], { ...q3.body, overall: 'very' }), sealedQ[0]),
      await withHash(d.unsealed('void', { targetId: q4.id, targetHash: '', reason: '误录' }), sealedQ[1]),
    ]);
    const batch = await d.batch([...sealedQ, ...rest]);
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 4);

    // The effective questionnaires: q1 amended to poor, q2 and q4 voided, q3 amended to very.
    const rows = await server.store.db.selectFrom('f2f_effective').selectAll().where('device_id', '=', d.deviceId).orderBy('original_id').execute();
    expect(rows.map((r) => [r.original_id, r.overall])).toEqual(
      [
        [q1!.id, 'less'],
        [q3.id, 'very'],
      ].sort(),
    );
    expect(rows.find((r) => r.original_id === q1!.id)!.latest_seq).toBe(3);
  });

  it('refuses the corrections PROTOCOL.md forbids, each at its path', async () => {
    const d = await enrollDevice(server);
    const other = await enrollDevice(server);
    const [q] = await accepted(d, [d.f2f()]);
    const [theirs] = await accepted(other, [other.f2f()]);
    const qHash = await H(q);
    const amendOf = (t: any, targetHash: string) => d.unsealed('amend', { targetId: t.id, targetHash, reason: '更正', body: { ...q!.body, overall: 'less' } });

    const wrongHash = await refused(d, [amendOf(q, 'a'.repeat(64))]);
    expect(wrongHash.body).toMatchObject({ error: 'invalid-record', path: '/body/targetHash' });
    const unknown = await refused(d, [d.unsealed('void', { targetId: d.f2f().id, targetHash: qHash, reason: 'x' })]);
    expect(unknown.body).toMatchObject({ error: 'invalid-record', path: '/body/targetId' });
    const foreign = await refused(d, [amendOf(theirs, await H(theirs))]);
    expect(foreign.body).toMatchObject({ error: 'invalid-record', path: '/body/targetId' });
    const badBody = await refused(d, [d.unsealed('amend', { targetId: q!.id, targetHash: qHash, reason: '更正', body: { ...q!.body, unitId: 'nope' } })]);
    expect(badBody.body).toMatchObject({ error: 'invalid-record', path: '/body/body/unitId' });

    const [a] = await accepted(d, [amendOf(q, qHash)]);
    const ofAmend = await refused(d, [d.unsealed('void', { targetId: a!.id, targetHash: await H(a), reason: 'x' })]);
    expect(ofAmend.body).toMatchObject({ error: 'invalid-record', path: '/body/targetId' });

    await accepted(d, [d.unsealed('void', { targetId: q!.id, targetHash: qHash, reason: '作废' })]);
    const afterVoid = await refused(d, [amendOf(q, qHash)]);
    expect(afterVoid.body).toMatchObject({ error: 'invalid-record', path: '/body/targetId' });
    const voidAgain = await refused(d, [d.unsealed('void', { targetId: q!.id, targetHash: qHash, reason: '再作废' })]);
    expect(voidAgain.body).toMatchObject({ error: 'invalid-record', path: '/body/targetId' });
    // Voided within one batch, then amended later in it.
    const [n] = await d.seal([d.f2f()]);
    const nHash = await H(n);
    const later = await d.seal([
      d.unsealed('void', { targetId: n!.id, targetHash: nHash, reason: 'x' }),
      d.unsealed('amend', { targetId: n!.id, targetHash: nHash, reason: 'y', body: n!.body }),
    ]);
    const r = await d.send(await d.batch([n!, ...later]));
    expect(r.body).toMatchObject({ error: 'invalid-record', index: 2, path: '/body/targetId' });
  });

  it('refuses records whose attachments are not uploaded with 422 missing-blobs, then accepts them', async () => {
    const d = await enrollDevice(server);
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode('photo bytes ' + Math.random())]);
    const sha = await sha256Hex(photo);
    const other = 'b'.repeat(64);
    const visit = d.unsealed(
      'visit',
      {
        unitId: 'brigade2',
        mode: 'open',
        visitedAt: '2026-11-21T09:00:00.000Z',
        categories: [DEMO_CAMPAIGN.findingCategories[0]!.id],
        severity: DEMO_CAMPAIGN.severities[0]!.id,
      },
      {
        attachments: [
          { sha256: sha, bytes: photo.length, mime: 'image/jpeg', sealed: false },
          { sha256: other, bytes: 1, mime: 'image/jpeg', sealed: false },
        ],
      },
    );
    const batch = await d.batch(await d.seal([visit]));
    const r = await d.send(batch);
    expectError(r, 422, 'missing-blobs');
    expect(r.body.missing).toEqual([sha, other]);
    expect((await d.uploadBlob(photo)).status).toBe(201);
    expect((await d.send(batch)).body.missing).toEqual([other]);
    expect((await d.uploadBlob(photo)).status).toBe(200);
    const bytes = new Uint8Array([1]);
    const r3 = await d.uploadBlob(bytes, other);
    expectError(r3, 422, 'hash-mismatch');
    const oneByte = await sha256Hex(bytes);
    expect(oneByte).not.toBe(other);
    // The record names a blob that does not exist: after a real one is uploaded, still missing.
    expect((await d.send(batch)).body.missing).toEqual([other]);
  });

  it('checks the blob upload: device, signature, address, size', async () => {
    const d = await enrollDevice(server);
    const data = new TextEncoder().encode('x');
    const sha = await sha256Hex(data);
    const put = (headers: Record<string, string>, path = sha, body: Uint8Array = data) =>
      fetch(`${server.url}/api/v1/blobs/${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: body as BodyInit,
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expectError(await put({}), 401, 'unknown-device');
    expectError(await put({ 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': 'AAAA' }), 401, 'bad-signature');
    expectError(await put({ 'x-pingyi-device': d.deviceId }, 'XYZ'), 400, 'malformed');
    expectError(await put({ 'x-pingyi-device': d.deviceId }, sha, new Uint8Array(20 * 1024 * 1024 + 1)), 413, 'too-large');
    // Any Content-Type is taken as raw bytes (JSON is not parsed here).
    const json = new TextEncoder().encode('{"a":1}');
    const jsonSha = await sha256Hex(json);
    const { signBlob } = await import('../../src/protocol/build');
    const r = await put({ 'content-type': 'application/json', 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': await signBlob(d, jsonSha) }, jsonSha, json);
    expect(r.status).toBe(201);
    const stored = await server.store.db.selectFrom('blobs').select(['bytes', 'mime', 'data']).where('sha256', '=', jsonSha).executeTakeFirstOrThrow();
    expect(stored.bytes).toBe(json.length);
    expect(Buffer.from(stored.data).toString()).toBe('{"a":1}');
    await server.admin(`/api/v1/admin/devices/${d.deviceId}/revoke`, { body: {} });
    expectError(await d.uploadBlob(data), 403, 'revoked-device');
  });

  it('answers the admin record pages in acceptance order with filters and a next cursor', async () => {
    const d = await enrollDevice(server);
    const records = await accepted(
      d,
      Array.from({ length: 7 }, (_, i) => d.f2f({ unitId: i % 2 ? 'law' : 'muck' })),
    );
    const forum = d.unsealed('forum', {
      unitIds: ['law', 'office'],
      title: '座谈会',
      heldAt: '2026-11-21T09:00:00.000Z',
      place: '会议室',
      attendees: { public: 5 },
      opinions: [{ unitId: 'inspect', kind: 'suggestion', text: '加快审批' }],
    });
    await accepted(d, [forum]);
    const all = (await storedRecords(server)).map((r) => r.record.id);
    const mine = all.filter((id) => [...records.map((r) => r.id), forum.id].includes(id));
    expect(mine).toEqual([...records.map((r) => r.id), forum.id]);

    const page1 = await server.admin('/api/v1/admin/records?unitId=law&limit=2');
    expect(page1.body.records.map((r: any) => r.record.id)).toEqual([records[1]!.id, records[3]!.id]);
    const page2 = await server.admin(`/api/v1/admin/records?unitId=law&limit=2&after=${page1.body.next}`);
    expect(page2.body.records.map((r: any) => r.record.id)).toEqual([records[5]!.id, forum.id]);
    expect(page2.body.next).toBeNull();
    expect((await server.admin('/api/v1/admin/records?unitId=inspect')).body.records.map((r: any) => r.record.id)).toEqual([forum.id]);
    expect((await server.admin('/api/v1/admin/records?type=forum')).body.records.map((r: any) => r.record.id)).toContain(forum.id);
    expect((await server.admin('/api/v1/admin/records?campaignId=other')).body.records.every((r: any) => r.record.campaignId === 'other')).toBe(true);
    expectError(await server.admin('/api/v1/admin/records?type=bogus'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/records?limit=0'), 400, 'malformed');
    const one = page1.body.records[0];
    expect(one.hash).toBe(await H(one.record));
    expect(one.receivedAt).toMatch(/Z$/);
    const found = await server.store.findRecordByHash(one.hash);
    expect(found).toMatchObject({ hash: one.hash, receivedAt: one.receivedAt });
    expect(JSON.parse(found!.canon)).toEqual(one.record);
    expect(await server.store.findRecordByHash(one.hash.slice(0, 13) + '0'.repeat(51))).toBeUndefined();
  });
});
