import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../src/domain/ids';
import type { UnsealedRecord } from '../../src/domain/records';
import type { Batch } from '../../src/protocol/batch';
import { batchHeader, chainRecords } from '../../src/protocol/build';
import { b64u, PROTOCOL, ZERO } from '../../src/protocol/canon';
import { lowS } from '../../src/server/device-signatures';
import type { CheckedRecord } from '../../src/server/ingest/check-records';
import { ingestBatch, type IngestDeps } from '../../src/server/ingest/ingest';
import type { ServerSigner } from '../../src/server/secrets';
import type { Append, ConflictEvidence, DeviceInfo, IngestTx, LogHead, Store } from '../../src/server/store/types';

/**
 * ingestBatch over a store stand-in that records what the ingest path asks of it: the order of the
 * checks, what is looked up, what is appended and what the answer says (PROTOCOL.md "Batches").
 */

const NOW = Date.parse('2026-11-21T02:00:00.000Z');
const ENROLLED = '2026-11-21T01:00:00.000Z';
const KEY_ID = 'key-1';
const DEVICE_ID = 'dev-1';
const RATINGS = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const LOG: LogHead = { size: 41, root: 'ab'.repeat(32) };

/** A 64-byte signature (r = 1, s = n − 1) whose s is high: lowS turns it into (1, 1). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HIGH_S = b64u(new Uint8Array([...Buffer.from('01'.padStart(64, '0'), 'hex'), ...Buffer.from((P256_N - 1n).toString(16), 'hex')]));
const LOW_S = b64u(new Uint8Array([...Buffer.from('01'.padStart(64, '0'), 'hex'), ...Buffer.from('01'.padStart(64, '0'), 'hex')]));

const device = (over: Partial<DeviceInfo> = {}): DeviceInfo => ({
  deviceId: DEVICE_ID,
  campaignId: DEMO_CAMPAIGN.id,
  label: 'tablet',
  role: 'representative',
  collector: '张三',
  alg: 'Ed25519',
  keyId: KEY_ID,
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } as DeviceInfo['publicJwk'],
  headSeq: 0,
  headHash: ZERO,
  lastBatchAt: null,
  revokedAt: null,
  enrolledAt: ENROLLED,
  ...over,
});

let clock = NOW - 30 * 60_000;
const f2f = (over: Partial<Record<string, unknown>> = {}, extra: Partial<UnsealedRecord> = {}): UnsealedRecord =>
  ({
    v: 1,
    type: 'f2f',
    id: uuidv7(),
    campaignId: DEMO_CAMPAIGN.id,
    deviceId: DEVICE_ID,
    collector: '张三',
    createdAt: isoTime((clock += 1000)),
    body: { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings: RATINGS, overall: 'fairly', durationMs: 500, ...over },
    ...extra,
  }) as UnsealedRecord;

/** Seals items from `startSeq` after `prevHash` and wraps them in a batch with signature `sig`. */
async function sealed(items: UnsealedRecord[], startSeq = 1, prevHash = ZERO, sig = HIGH_S) {
  const { records, hashes } = await chainRecords(items, { startSeq, prevHash, sealedAt: (i) => isoTime(Date.parse(items[i]!.createdAt) + 500) });
  const header = await batchHeader(records, DEVICE_ID, KEY_ID, isoTime(NOW));
  const batch: Batch = { header, records, sig };
  return { batch, records, hashes };
}

interface Fake {
  deps: IngestDeps;
  calls: string[];
  getDevice: string[];
  storedHashes: [number, number][];
  existingIds: string[][];
  targets: string[][];
  rectItems: [string, string[]][];
  blobHeads: [string[], number][];
  conflicts: ConflictEvidence[];
  appended: Append[];
  signatures: unknown[][];
  committed: number;
}

interface FakeOptions {
  known?: DeviceInfo | undefined;
  locked?: DeviceInfo | undefined;
  stored?: Map<number, string>;
  used?: string[];
  campaign?: Campaign | undefined;
  blobs?: Map<string, Uint8Array>;
  /** Errors the store's transaction throws before running, one per attempt. */
  failures?: unknown[];
}

function fake(o: FakeOptions = {}): Fake {
  const f: Fake = {
    calls: [],
    getDevice: [],
    storedHashes: [],
    existingIds: [],
    targets: [],
    rectItems: [],
    blobHeads: [],
    conflicts: [],
    appended: [],
    signatures: [],
    committed: 0,
    deps: undefined as never,
  };
  const known = 'known' in o ? o.known : device();
  const locked = 'locked' in o ? o.locked : known;
  const failures = [...(o.failures ?? [])];
  const tx: IngestTx = {
    lockDevice: async () => (f.calls.push('lockDevice'), locked),
    storedHashes: async (_id, from, to) => (
      f.storedHashes.push([from, to]),
      new Map([...(o.stored ?? new Map<number, string>())].filter(([s]) => s >= from && s <= to))
    ),
    campaign: async () => ('campaign' in o ? o.campaign : DEMO_CAMPAIGN),
    existingIds: async (ids) => (f.existingIds.push(ids), new Set(ids.filter((id) => o.used?.includes(id)))),
    targets: async (ids) => (f.targets.push(ids), new Map()),
    rectItems: async (campaignId, ids) => (f.rectItems.push([campaignId, ids]), new Map()),
    existingBlobs: async () => new Set(),
    blobHeads: async (hashes, bytes) => (
      f.blobHeads.push([hashes, bytes]),
      new Map([...(o.blobs ?? new Map<string, Uint8Array>())].filter(([h]) => hashes.includes(h)))
    ),
    recordConflict: async (e) => void f.conflicts.push(e),
    dayCounts: async () => new Map(),
    sealTimesNear: async () => [],
    saveSeals: async () => {},
    append: async (a) => (f.appended.push(a), { size: LOG.size + a.records.length, root: 'cd'.repeat(32) }),
    logHead: async () => LOG,
  };
  const store = {
    getDevice: async (id: string) => (f.getDevice.push(id), known),
    ingest: async <T>(run: (tx: IngestTx) => Promise<T>): Promise<T> => {
      f.calls.push('ingest');
      const failure = failures.shift();
      if (failure) throw failure;
      return run(tx);
    },
  } as unknown as Store;
  const signer = { sign: (payload: unknown) => `signed:${JSON.stringify(payload)}` } as unknown as ServerSigner;
  f.deps = {
    store,
    signer,
    now: () => NOW,
    checkSignature: (...args) => (f.signatures.push(args), true),
    afterCommit: async () => void f.committed++,
  };
  return f;
}

/** RFC 6962 leaf hash of a record's canonical text: SHA-256(0x00 ‖ text). */
const leaf = (canon: string) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from([0]), Buffer.from(canon, 'utf8')]))
    .digest('hex');

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (x: unknown) => x,
  );
  return e as { code: string; message: string; details: Record<string, unknown> };
};

describe('ingestBatch: who sent the batch', () => {
  it('looks up no device whose id no device can have, and answers unknown-device', async () => {
    const { batch } = await sealed([f2f()]);
    for (const deviceId of ['a\u0000b', 'a\ud800']) {
      const f = fake();
      const e = await refusal(ingestBatch(f.deps, { ...batch, header: { ...batch.header, deviceId } }));
      expect(e.code).toBe('unknown-device');
      expect(f.getDevice).toEqual([]);
    }
    const f = fake();
    await ingestBatch(f.deps, batch);
    expect(f.getDevice).toEqual([DEVICE_ID]);
  });

  it('answers unknown-device for another key, revoked-device for a revoked one, before the signature is checked', async () => {
    const { batch } = await sealed([f2f()]);
    const other = fake({ known: device({ keyId: 'key-2' }) });
    const e1 = await refusal(ingestBatch(other.deps, batch));
    expect(e1).toMatchObject({ code: 'unknown-device', message: expect.stringContaining('not enrolled on this server') });
    const revoked = fake({ known: device({ revokedAt: ENROLLED }) });
    const e2 = await refusal(ingestBatch(revoked.deps, batch));
    expect(e2).toMatchObject({ code: 'revoked-device', message: expect.stringContaining('was revoked by the office') });
    expect([...other.signatures, ...revoked.signatures]).toEqual([]);
    expect([...other.calls, ...revoked.calls]).toEqual([]);
  });

  it("checks the signature with the device's algorithm and key over the header, and refuses bad-signature before any transaction", async () => {
    const { batch } = await sealed([f2f()]);
    const f = fake();
    f.deps.checkSignature = (...args) => (f.signatures.push(args), false);
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({ code: 'bad-signature', message: "The batch signature does not verify with this device's key." });
    expect(f.signatures).toEqual([['Ed25519', device().publicJwk, HIGH_S, batch.header]]);
    expect(f.calls).toEqual([]);
  });

  it('checks the device again under its lock: revoked meanwhile, or gone, the batch is refused', async () => {
    const { batch } = await sealed([f2f()]);
    const revoked = fake({ locked: device({ revokedAt: ENROLLED }) });
    expect((await refusal(ingestBatch(revoked.deps, batch))).code).toBe('revoked-device');
    const gone = fake({ locked: undefined });
    expect((await refusal(ingestBatch(gone.deps, batch))).code).toBe('unknown-device');
    expect([...revoked.appended, ...gone.appended]).toEqual([]);
  });

  it('stores an ES256 signature in its low-S form and any other signature as sent', async () => {
    expect(lowS(HIGH_S)).toBe(LOW_S);
    const { batch } = await sealed([f2f()]);
    const es = fake({ known: device({ alg: 'ES256' }) });
    await ingestBatch(es.deps, batch);
    expect(es.appended[0]!.sig).toBe(LOW_S);
    // The signature is verified as it was sent.
    expect(es.signatures[0]![2]).toBe(HIGH_S);
    const ed = fake();
    await ingestBatch(ed.deps, batch);
    expect(ed.appended[0]!.sig).toBe(HIGH_S);
  });
});

describe('ingestBatch: the answer and the receipt', () => {
  it('appends the records and answers accepted with a receipt of the batch signed by the server, after the commit', async () => {
    const { batch, hashes } = await sealed([f2f(), f2f()]);
    const f = fake();
    f.deps.afterCommit = async () => {
      f.committed++;
      expect(f.appended).toHaveLength(1);
    };
    const answer = await ingestBatch(f.deps, batch);
    const receipt = {
      protocol: PROTOCOL,
      deviceId: DEVICE_ID,
      throughSeq: 2,
      headHash: hashes[1],
      receivedAt: isoTime(NOW),
      logSize: LOG.size + 2,
      logRoot: 'cd'.repeat(32),
    };
    expect(answer).toEqual({ status: 'accepted', appended: 2, receipt, serverSig: `signed:${JSON.stringify(receipt)}` });
    expect(f.committed).toBe(1);
    const a = f.appended[0]!;
    expect(a).toMatchObject({ deviceId: DEVICE_ID, header: batch.header, receivedAt: isoTime(NOW) });
    expect(a.records.map((r) => r.record)).toEqual(batch.records);
    expect(a.records.map((r) => r.hash)).toEqual(hashes);
    expect(a.records.map((r) => (r as CheckedRecord).index)).toEqual([0, 1]);
    expect(a.records.map((r) => JSON.parse(r.canon) as unknown)).toEqual(batch.records);
    expect(a.records.map((r) => Buffer.from(r.leafHash!).toString('hex'))).toEqual(a.records.map((r) => leaf(r.canon)));
    expect(a.projection.inserts.map((x) => [x.originalId, x.state])).toEqual(batch.records.map((r) => [r.id, 'counted']));
  });

  it('answers a batch the server holds whole with duplicate, appended 0, the current log head and a fresh receipt', async () => {
    const { batch, hashes } = await sealed([f2f(), f2f()]);
    const f = fake({
      known: device({ headSeq: 3, headHash: 'ee'.repeat(32) }),
      stored: new Map([...hashes.map((h, i) => [i + 1, h] as const), [3, 'ee'.repeat(32)]]),
    });
    const answer = await ingestBatch(f.deps, batch);
    expect(answer.status).toBe('duplicate');
    expect(answer.appended).toBe(0);
    expect(answer.receipt).toMatchObject({ throughSeq: 2, headHash: hashes[1], logSize: LOG.size, logRoot: LOG.root, receivedAt: isoTime(NOW) });
    expect(answer.serverSig).toBe(`signed:${JSON.stringify(answer.receipt)}`);
    expect(f.appended).toEqual([]);
    expect(f.committed).toBe(1);
    // Only the seqs the batch and the store share are read.
    expect(f.storedHashes).toEqual([[1, 2]]);
  });

  it('reads stored hashes only for a batch that overlaps the head, up to the head', async () => {
    const first = await sealed([f2f(), f2f()]);
    const { batch } = await sealed([f2f(), f2f()], 3, first.hashes[1]);
    // Right after the head: nothing to read.
    const after = fake({ known: device({ headSeq: 2, headHash: first.hashes[1]! }), stored: new Map(first.hashes.map((h, i) => [i + 1, h])) });
    expect((await ingestBatch(after.deps, batch)).appended).toBe(2);
    expect(after.storedHashes).toEqual([]);
    // Overlapping the head by one: seq 2 is read, seq 3 and 4 appended.
    const overlap = await sealed([...first.batch.records.slice(1).map(() => f2f()), f2f()], 2, first.hashes[0]);
    const o = fake({
      known: device({ headSeq: 2, headHash: overlap.hashes[0]! }),
      stored: new Map([
        [1, first.hashes[0]!],
        [2, overlap.hashes[0]!],
      ]),
    });
    const answer = await ingestBatch(o.deps, overlap.batch);
    expect(o.storedHashes).toEqual([[2, 2]]);
    expect(answer).toMatchObject({ status: 'accepted', appended: 1 });
    expect(o.appended[0]!.records.map((r) => [(r as CheckedRecord).index, r.record.seq, r.hash, Buffer.from(r.leafHash!).toString('hex')])).toEqual([
      [1, 3, overlap.hashes[1], leaf(o.appended[0]!.records[0]!.canon)],
    ]);
    expect(JSON.parse(o.appended[0]!.records[0]!.canon)).toEqual(overlap.records[1]);
    // The stored part is skipped, so only the new record's id is looked up (the batch starts before the head).
    expect(o.existingIds).toEqual([[overlap.records[1]!.id]]);
  });

  it('refuses a batch beyond the head with chain-gap naming the seq to send from', async () => {
    const { batch } = await sealed([f2f()], 5, 'aa'.repeat(32));
    const f = fake({ known: device({ headSeq: 3, headHash: 'bb'.repeat(32) }) });
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({
      code: 'chain-gap',
      message: "The server holds this device's records up to seq 3; send from seq 4.",
      details: { expectedSeq: 4 },
    });
    expect(f.committed).toBe(0);
  });

  it('keeps a batch that forks a stored record as evidence and answers chain-conflict naming the seq', async () => {
    const { batch, hashes, records } = await sealed([f2f(), f2f()]);
    const stored = new Map([
      [1, hashes[0]!],
      [2, 'dd'.repeat(32)],
    ]);
    const f = fake({ known: device({ headSeq: 2, headHash: 'dd'.repeat(32) }), stored });
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({
      code: 'chain-conflict',
      message: 'The server already holds a different record at seq 2 for this device; the batch was kept as evidence for the office.',
      details: { seq: 2 },
    });
    expect(f.conflicts).toHaveLength(1);
    const c = f.conflicts[0]!;
    expect(c).toMatchObject({
      deviceId: DEVICE_ID,
      seq: 2,
      storedHash: 'dd'.repeat(32),
      offeredHash: hashes[1],
      header: batch.header,
      sig: HIGH_S,
      receivedAt: isoTime(NOW),
    });
    expect(JSON.parse(c.offeredCanon)).toEqual(records[1]);
    expect(c.records).toEqual(records);
    expect(f.appended).toEqual([]);
    expect(f.committed).toBe(0);
  });

  it("answers chain-conflict at the link when a batch right after the head does not start from the head's hash", async () => {
    const { batch, hashes } = await sealed([f2f()], 3, 'aa'.repeat(32));
    const f = fake({ known: device({ headSeq: 2, headHash: 'bb'.repeat(32) }) });
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({
      code: 'chain-conflict',
      message:
        "The batch's prevHash is not the hash of the record the server holds before seq 3 for this device; the batch was kept as evidence for the office.",
      details: { seq: 3 },
    });
    expect(f.conflicts[0]).toMatchObject({ seq: 3, storedHash: 'bb'.repeat(32), offeredHash: hashes[0] });
  });

  it('reports a broken chain (bad-chain) only after the device and its lock are checked', async () => {
    const { batch } = await sealed([f2f(), f2f()]);
    const broken = { ...batch, header: { ...batch.header, count: 3 } };
    const f = fake({ known: device({ revokedAt: ENROLLED }) });
    expect((await refusal(ingestBatch(f.deps, broken))).code).toBe('revoked-device');
    const g = fake({ locked: device({ revokedAt: ENROLLED }) });
    expect((await refusal(ingestBatch(g.deps, broken))).code).toBe('revoked-device');
    const h = fake();
    expect((await refusal(ingestBatch(h.deps, broken))).code).toBe('bad-chain');
    expect(h.calls).toEqual(['ingest', 'lockDevice']);
  });
});

describe('ingestBatch: holds', () => {
  it("holds the questionnaires past the campaign's limits in the projection it appends", async () => {
    const { batch } = await sealed([f2f(), f2f(), f2f()]);
    const f = fake({ campaign: { ...DEMO_CAMPAIGN, limits: { maxPerDevicePerDay: 2, burst: null } } });
    await ingestBatch(f.deps, batch);
    expect(f.appended[0]!.projection.inserts.map((x) => x.state)).toEqual(['counted', 'counted', 'held']);
  });
});

describe('ingestBatch: record ids and retries', () => {
  it('skips the id lookup for a batch right after the head, and checks again with it when a record is refused', async () => {
    const { batch, records } = await sealed([f2f(), f2f()]);
    const f = fake();
    await ingestBatch(f.deps, batch);
    expect(f.existingIds).toEqual([]);
    // An id used before: refused as such, with the lookup made after the first refusal.
    const broken = await sealed([f2f(), f2f({ unitId: 'nowhere' })]);
    const g = fake({ used: [broken.records[0]!.id] });
    const e = await refusal(ingestBatch(g.deps, broken.batch));
    expect(e).toMatchObject({ code: 'invalid-record', details: { index: 0, path: '/id' } });
    expect(g.existingIds).toEqual([broken.records.map((r) => r.id)]);
    expect(records).toHaveLength(2);
  });

  it('runs the transaction again on a unique violation, then with the id lookup, up to three times', async () => {
    const { batch, records } = await sealed([f2f()]);
    const unique = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const twice = fake({ failures: [unique, unique] });
    expect((await ingestBatch(twice.deps, batch)).status).toBe('accepted');
    expect(twice.calls.filter((c) => c === 'ingest')).toHaveLength(3);
    expect(twice.existingIds).toEqual([[records[0]!.id]]);
    const thrice = fake({ failures: [unique, unique, unique] });
    await expect(ingestBatch(thrice.deps, batch)).rejects.toBe(unique);
    expect(thrice.calls).toEqual(['ingest', 'ingest', 'ingest']);
    const other = new Error('disk full');
    const once = fake({ failures: [other] });
    await expect(ingestBatch(once.deps, batch)).rejects.toBe(other);
    expect(once.calls).toEqual(['ingest']);
  });

  it('looks up well-formed ids and amend targets only, and not a target the batch itself holds', async () => {
    const stored = uuidv7();
    const original = f2f();
    const amendOwn = f2f({}, {
      type: 'amend',
      body: { targetId: original.id, targetHash: 'aa'.repeat(32), reason: 'typo', body: original.body },
    } as Partial<UnsealedRecord>);
    const voidStored = f2f({}, { type: 'void', body: { targetId: stored, targetHash: 'aa'.repeat(32), reason: 'dup' } } as Partial<UnsealedRecord>);
    const voidBad = f2f({}, { type: 'void', body: { targetId: 'x'.repeat(36), targetHash: 'aa'.repeat(32), reason: 'dup' } } as Partial<UnsealedRecord>);
    const bad = f2f({}, { id: 'not-a-uuid' });
    const f = fake({ failures: [Object.assign(new Error('unique'), { code: '23505' })] });
    const e = await refusal(ingestBatch(f.deps, (await sealed([original, amendOwn, voidStored, voidBad, bad])).batch));
    expect(e.code).toBe('invalid-record');
    expect(f.existingIds).toHaveLength(1);
    expect([...f.existingIds[0]!].sort()).toEqual([original.id, amendOwn.id, voidStored.id, voidBad.id].sort());
    expect(f.targets).toEqual([[stored]]);
  });

  it("looks up the campaign's rectification items that follow-ups and amends of follow-ups name, well-formed ids only", async () => {
    const followup = (itemId: unknown) =>
      f2f({}, { type: 'followup', body: { itemId, unitId: 'brigade1', verdict: 'fixed', note: '', visitedAt: ENROLLED } } as Partial<UnsealedRecord>);
    const amend = (itemId: unknown) =>
      f2f({}, { type: 'amend', body: { targetId: uuidv7(), targetHash: 'aa'.repeat(32), reason: 'r', body: { itemId } } } as Partial<UnsealedRecord>);
    const items = [
      followup('item-1'),
      followup('item-1'),
      amend('item_2'),
      followup('bad id'),
      followup(7),
      amend('x'.repeat(65)),
      followup('y'.repeat(64)),
      f2f(),
    ];
    const f = fake();
    await refusal(ingestBatch(f.deps, (await sealed(items)).batch));
    expect(f.rectItems).toEqual([[DEMO_CAMPAIGN.id, ['item-1', 'item_2', 'y'.repeat(64)]]]);
  });
});

describe('ingestBatch: attachments', () => {
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(12).fill(0)]);
  const attach = (sha256: string, mime = 'image/jpeg') => f2f({}, { attachments: [{ sha256, bytes: 100, mime, sealed: false }] } as Partial<UnsealedRecord>);

  it('asks for the first 16 bytes of the attachments once each and refuses missing-blobs naming those not uploaded', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(64)) as [string, string, string];
    const { batch } = await sealed([attach(a), attach(b), attach(a), attach(c)]);
    const f = fake({ blobs: new Map([[b, JPEG]]) });
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({
      code: 'missing-blobs',
      message: '2 attachment(s) are not uploaded yet; upload them, then send the batch again.',
      details: { missing: [a, c] },
    });
    expect(f.blobHeads).toEqual([[[a, b, c], 16]]);
    expect(f.appended).toEqual([]);
  });

  it('refuses held bytes that are not of the declared type before asking for the rest, and accepts when all are held', async () => {
    const [a, b] = ['a', 'b'].map((x) => x.repeat(64)) as [string, string];
    const { batch } = await sealed([attach(a, 'image/png'), attach(b)]);
    const f = fake({ blobs: new Map([[a, JPEG]]) });
    const e = await refusal(ingestBatch(f.deps, batch));
    expect(e).toMatchObject({ code: 'invalid-record', details: { index: 0, path: '/attachments/0/mime' } });
    const g = fake({ blobs: new Map([[b, JPEG]]) });
    const ok = await sealed([attach(b)]);
    expect(await ingestBatch(g.deps, ok.batch)).toMatchObject({ status: 'accepted', appended: 1 });
  });

  it('asks for no blob when no record has an attachment', async () => {
    const f = fake();
    await ingestBatch(f.deps, (await sealed([f2f()])).batch);
    expect(f.blobHeads).toEqual([]);
  });
});
