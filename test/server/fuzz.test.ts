import fc from 'fast-check';
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../src/domain/ids';
import { b64u, canon, hSync, PROTOCOL } from '../../src/protocol/canon';
import { ERROR_STATUS } from '../../src/protocol/errors';
import { jwkThumbprint, minimalJwk, parsePublicJwk } from '../../src/protocol/keys';
import { issueCode } from './device';
import { availableBackends, postJson, startServer, type Place, type TestServer } from './harness';

/**
 * Thousands of mutated valid batches against the server: fields flipped, wrong types, huge strings,
 * U+0000, lone surrogates, floats, deep nesting, reordered records, wrong hashes, and signatures made
 * with the device's own key over the mutated header (so mutations reach the record checks). Never a
 * 500, always a documented code with its status, and nothing stored from a refused batch.
 */
const backends = await availableBackends();
const RUNS = 750;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const deep = (n: number): Json => (n === 0 ? 1 : [deep(n - 1)]);

/** Values a hostile sender might put anywhere. */
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(
      0.1,
      1e21,
      -1,
      0,
      2 ** 53,
      -(2 ** 60),
      '',
      '\u0000',
      'a\ud800b',
      '\udfff',
      'x'.repeat(201),
      '评'.repeat(2001),
      'x'.repeat(100_000),
      '2026-13-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      'f2f',
      'visit',
      'covert',
      'image/svg+xml',
      '0'.repeat(64),
      'f'.repeat(64),
      null,
      true,
      [],
      {},
      deep(70),
      deep(20),
      ['x'],
    ),
  },
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

type Mutation =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: Json }
  /** A record's own string or number made hostile in place: U+0000, a lone surrogate, too long, a fraction, beyond 2^53. */
  | { kind: 'poison'; pick: number; how: 'nul' | 'surrogate' | 'long' | 'fraction' | 'huge' }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'duplicate'; a: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: hostile }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'sealed', 'attachments', 'k\u0000')),
      value: hostile,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('poison' as const),
      pick: fc.nat(),
      how: fc.constantFrom('nul' as const, 'surrogate' as const, 'long' as const, 'fraction' as const, 'huge' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), a: fc.nat() }) },
);

const plan = fc.record({
  kinds: fc.array(fc.constantFrom('f2f', 'f2f', 'forum', 'visit', 'stall'), { minLength: 1, maxLength: 4 }),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  /** Recompute the prev links and headHash after the mutations (else the chain is as mutated). */
  rechain: fc.constantFrom(true, true, true, false),
  /** Sign the mutated header with the device key, keep the old signature, or send garbage. */
  signature: fc.constantFrom('device', 'device', 'device', 'device', 'device', 'device', 'stale', 'garbage'),
});

/** Every path into a JSON value (objects and arrays included), in a stable order. */
function paths(x: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...at, i], out));
  else if (typeof x === 'object' && x !== null) for (const k of Object.keys(x)) paths(x[k]!, [...at, k], out);
  return out;
}
function valueAt(root: Json, path: Path): Json | undefined {
  let x: Json | undefined = root;
  for (const k of path) x = typeof x === 'object' && x !== null ? (x as Record<string | number, Json>)[k] : undefined;
  return x;
}
const parentOf = (root: Json, path: Path) => valueAt(root, path.slice(0, -1));

describe.each(backends.map((b) => [b.name, b] as const))('ingest fuzz (%s)', (_name, backend) => {
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

  it(`answers ${RUNS} mutated batches with documented codes only, and stores nothing of a refused one`, async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = minimalJwk(parsePublicJwk('Ed25519', publicKey.export({ format: 'jwk' }))!);
    const keyId = await jwkThumbprint(publicJwk);
    const signed = (payload: unknown) => b64u(sign(null, canon(payload), privateKey));
    const code = await issueCode(server);
    const enrolled = await postJson(`${server.url}/api/v1/devices`, {
      code,
      alg: 'Ed25519',
      publicJwk,
      label: 'fuzz',
      proof: signed({ protocol: PROTOCOL, purpose: 'enroll', code, keyId }),
    });
    expect(enrolled.status).toBe(201);
    const deviceId: string = enrolled.body.deviceId;
    const collector: string = enrolled.body.collector;

    const body = (kind: string, now: number): Json => {
      switch (kind) {
        case 'forum':
          return {
            unitIds: ['law'],
            title: '座谈会',
            heldAt: isoTime(now - 3_600_000),
            place: '会议室',
            attendees: { public: 3 },
            opinions: [{ unitId: 'law', kind: 'opinion', text: '办事快' }],
          };
        case 'visit':
          return {
            unitId: 'brigade2',
            mode: 'open',
            visitedAt: isoTime(now - 60_000),
            categories: [DEMO_CAMPAIGN.findingCategories[0]!.id],
            severity: DEMO_CAMPAIGN.severities[0]!.id,
          };
        case 'stall':
          return {
            place: '广场',
            unitIds: ['law'],
            openedAt: isoTime(now - 7_200_000),
            closedAt: isoTime(now - 60_000),
            visitors: 4,
            complaints: [{ unitId: 'law', category: '态度', text: '排队久' }],
          };
        default:
          return { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'fairly', comment: '还可以', durationMs: 30_000 };
      }
    };
    const counts = { accepted: 0, appended: 0, refused: new Map<string, number>() };
    // What the server holds, followed from its receipts (a refusal must leave it as it is).
    const start = (await server.store.getDevice(deviceId))!;
    const head = { seq: start.headSeq, hash: start.headHash };
    let log = await server.store.logHead();
    const logBefore = log.size; // office actions are leaves too: the log counts more than records
    const rows = async () =>
      Number(
        (
          await server.store.db
            .selectFrom('records')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rowsBefore = await rows();

    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const device = { headSeq: head.seq, headHash: head.hash };
        const now = Date.now();
        // A valid batch continuing the device's chain…
        const records: Json[] = [];
        let prev = device.headHash;
        p.kinds.forEach((kind, i) => {
          const r = {
            v: 1,
            type: kind,
            id: uuidv7(),
            campaignId: 'demo',
            deviceId,
            seq: device.headSeq + 1 + i,
            prev,
            collector,
            createdAt: isoTime(now - 60_000),
            sealedAt: isoTime(now),
            body: body(kind, now),
          };
          prev = hSync(r);
          records.push(r as Json);
        });
        const header = {
          protocol: PROTOCOL,
          deviceId,
          keyId,
          fromSeq: device.headSeq + 1,
          toSeq: device.headSeq + records.length,
          count: records.length,
          prevHash: device.headHash,
          headHash: prev,
          sentAt: isoTime(now),
        };
        const batch = { header, records, sig: signed(header) } as unknown as { [k: string]: Json };
        // …mutated anywhere (the signature itself too).
        for (const m of p.mutations) {
          const all = paths(batch).filter((x) => x.length > 0);
          if (m.kind === 'swap' || m.kind === 'duplicate') {
            const rs = batch.records;
            if (!Array.isArray(rs) || rs.length === 0) continue;
            const a = m.kind === 'swap' ? m.a % rs.length : m.a % rs.length;
            if (m.kind === 'swap') [rs[a], rs[m.b % rs.length]] = [rs[m.b % rs.length]!, rs[a]!];
            else rs.splice(a, 0, structuredClone(rs[a]!));
            continue;
          }
          // Mostly the records' own values (9 in 10), else anything in the batch.
          const inRecords = all.filter((x) => x[0] === 'records' && x.length > 2);
          const pool =
            m.kind === 'poison'
              ? inRecords.filter((x) => ['string', 'number'].includes(typeof valueAt(batch, x)))
              : m.pick % 10 === 0 || inRecords.length === 0
                ? all
                : inRecords;
          if (pool.length === 0) continue;
          const path = pool[Math.floor(m.pick / 10) % pool.length]!;
          const parent = parentOf(batch, path);
          if (typeof parent !== 'object' || parent === null) continue;
          const last = path[path.length - 1]!;
          const slot = parent as Record<string | number, Json>;
          if (m.kind === 'poison') {
            const v = slot[last];
            if (typeof v === 'string')
              slot[last] =
                m.how === 'nul'
                  ? `${v.slice(0, 1)}\u0000${v.slice(1)}`
                  : m.how === 'surrogate'
                    ? `${v}\ud800`
                    : v.repeat(Math.ceil(2001 / Math.max(1, v.length)));
            else if (typeof v === 'number') slot[last] = m.how === 'huge' ? 1e21 : v + 0.5;
            continue;
          }
          if (m.kind === 'set') slot[last] = structuredClone(m.value);
          else if (m.kind === 'delete') {
            if (Array.isArray(parent)) parent.splice(Number(last), 1);
            else delete slot[last];
          } else if (typeof slot[last] === 'object' && slot[last] !== null && !Array.isArray(slot[last]))
            (slot[last] as Record<string, Json>)[m.key] = structuredClone(m.value);
        }
        const h = batch.header as Record<string, Json>;
        if (p.rechain && Array.isArray(batch.records) && typeof h === 'object' && h !== null) {
          let link = h.prevHash as Json;
          for (const r of batch.records) {
            if (typeof r === 'object' && r !== null && !Array.isArray(r)) r.prev = link;
            link = hSync(r);
          }
          h.headHash = link;
        }
        if (p.signature === 'device') batch.sig = signed(batch.header ?? null);
        else if (p.signature === 'garbage') batch.sig = b64u(new Uint8Array(64).fill(7));

        const r = await postJson(`${server.url}/api/v1/batches`, batch);
        if (r.status === 200) {
          counts.accepted++;
          counts.appended += r.body.appended;
          expect(['accepted', 'duplicate']).toContain(r.body.status);
          expect(r.body.receipt.logSize).toBe(log.size + r.body.appended);
          log = { size: r.body.receipt.logSize, root: r.body.receipt.logRoot };
          if (r.body.receipt.throughSeq > head.seq) Object.assign(head, { seq: r.body.receipt.throughSeq, hash: r.body.receipt.headHash });
          return;
        }
        expect(r.status, JSON.stringify(r.body).slice(0, 300)).not.toBe(500);
        expect(Object.keys(ERROR_STATUS)).toContain(r.body?.error);
        expect(ERROR_STATUS[r.body.error as keyof typeof ERROR_STATUS]).toBe(r.status);
        expect(typeof r.body.message).toBe('string');
        counts.refused.set(r.body.error, (counts.refused.get(r.body.error) ?? 0) + 1);
        // Nothing of a refused batch is stored: the log and the device's head are as they were.
        expect(await server.store.logHead()).toEqual(log);
        const after = (await server.store.getDevice(deviceId))!;
        expect([after.headSeq, after.headHash]).toEqual([head.seq, head.hash]);
      }),
      { numRuns: RUNS },
    );
    // Every record stored came with an accepted batch; the mutations reached every stage of the
    // checks, and unmutated batches went through.
    expect(await rows()).toBe(rowsBefore + counts.appended);
    expect((await server.store.logHead()).size).toBe(logBefore + counts.appended);
    expect(counts.accepted).toBeGreaterThan(RUNS / 20);
    for (const code of ['malformed', 'bad-signature', 'bad-chain', 'invalid-record']) expect([code, counts.refused.get(code) ?? 0]).not.toEqual([code, 0]);
  }, 120_000);
});
