import { describe, expect, it } from 'vitest';
import { H, canonString, ZERO } from '../../src/protocol/canon';
import { LIMITS } from '../../src/protocol/batch';
import { leafHash } from '../../src/protocol/merkle';
import type { ApiError } from '../../src/server/http/errors';
import { continuity } from '../../src/server/ingest/continuity';
import { hashBatch, MAX_JSON_DEPTH, parseEnvelope, tooDeep, type Envelope } from '../../src/server/ingest/prepare';

/**
 * The ingest steps that need no stored state, called directly: the envelope (400 malformed, 413
 * too-large), each record's canonical form and hashes, the chain checks (bad-chain) and continuity.
 */
const DEV = 'dev-1';
const SENT = '2026-11-21T09:35:00.000Z';

/** n chained records from seq `from` (only what the chain checks read, and one field of content). */
async function chain(n: number, from = 1, prev = ZERO) {
  const records: Record<string, unknown>[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = { v: 1, deviceId: DEV, seq: from + i, prev, note: `记录 ${i}` };
    prev = await H(r);
    records.push(r);
    hashes.push(prev);
  }
  return { records, hashes };
}

async function envelope(n: number, from = 1): Promise<Envelope> {
  const { records, hashes } = await chain(n, from);
  const header = {
    protocol: 'pingyi/1' as const,
    deviceId: DEV,
    keyId: 'k',
    fromSeq: from,
    toSeq: from + n - 1,
    count: n,
    prevHash: ZERO,
    headHash: hashes[n - 1]!,
    sentAt: SENT,
  };
  return { header, sig: 'c2ln', records };
}

function thrown(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('nothing was thrown');
}

const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) });

describe('parseEnvelope', () => {
  it('returns the header, the signature and the records exactly as they arrived', async () => {
    const body = await envelope(3);
    const extra = { ...body, records: body.records.map((r) => ({ ...r, unknownField: [1, { x: 2 }] })) };
    const parsed = parseEnvelope(extra);
    expect(parsed.header).toEqual(body.header);
    expect(parsed.sig).toBe('c2ln');
    expect(parsed.records).toBe(extra.records);
  });

  it('answers malformed with the path of the first problem', async () => {
    const body = await envelope(2);
    const notObject = thrown(() => parseEnvelope('batch'));
    expect([notObject.code, notObject.details]).toEqual(['malformed', { path: '' }]);
    expect(notObject.message).toMatch(/^The batch is not of the protocol's shape at \/: /);
    const arrayRecord = thrown(() => parseEnvelope({ ...body, records: [body.records[0], [1]] }));
    expect(arrayRecord.code).toBe('malformed');
    expect(arrayRecord.details).toEqual({ path: '/records/1' });
    expect(arrayRecord.message).toBe("The batch is not of the protocol's shape at /records/1: a record must be a JSON object");
    for (const bad of [null, 'r', 5]) expect(thrown(() => parseEnvelope({ ...body, records: [bad] })).details).toEqual({ path: '/records/0' });
    expect(thrown(() => parseEnvelope({ ...body, records: [] })).details).toEqual({ path: '/records' });
    expect(thrown(() => parseEnvelope({ ...body, header: { ...body.header, count: 0 } })).details).toEqual({ path: '/header/count' });
    expect(thrown(() => parseEnvelope({ ...body, sig: '' })).details).toEqual({ path: '/sig' });
  });

  it('refuses JSON nested deeper than 64 levels, with its path, and takes 64', async () => {
    const body = await envelope(1);
    // The record sits at depth 3 (body → records → [0]); its field adds the rest.
    const ok = { ...body, records: [{ ...body.records[0], deep: nest(MAX_JSON_DEPTH - 3) }] };
    expect(parseEnvelope(ok).records).toBe(ok.records);
    const err = thrown(() => parseEnvelope({ ...body, records: [{ ...body.records[0], deep: nest(MAX_JSON_DEPTH - 2) }] }));
    expect(err.code).toBe('malformed');
    const path = `/records/0/deep${'/a'.repeat(MAX_JSON_DEPTH - 3)}`;
    expect(err.details).toEqual({ path });
    expect(err.message).toBe(`The batch nests JSON deeper than 64 levels at ${path}; the protocol's objects are shallow.`);
  });

  it('takes 500 records and answers too-large for 501', async () => {
    const { header, sig, records } = await envelope(1);
    const many = (n: number) => ({ header, sig, records: Array.from({ length: n }, () => records[0]!) });
    expect(parseEnvelope(many(LIMITS.batchRecords)).records.length).toBe(500);
    const err = thrown(() => parseEnvelope(many(LIMITS.batchRecords + 1)));
    expect(err.code).toBe('too-large');
    expect(err.message).toBe('A batch holds at most 500 records, this one 501; send smaller batches.');
  });
});

describe('tooDeep', () => {
  it('finds the path of the first value nested deeper than max, in arrays and objects', () => {
    expect(tooDeep(5, 0)).toBeNull();
    expect(tooDeep(null, 0)).toBeNull();
    expect(tooDeep({}, 0)).toEqual([]);
    expect(tooDeep({ a: 1 }, 1)).toBeNull();
    expect(tooDeep({ a: { b: 1 } }, 1)).toEqual(['a']);
    expect(tooDeep([[1]], 1)).toEqual([0]);
    expect(tooDeep([1, 'x', null, [2]], 1)).toEqual([3]);
    expect(tooDeep([[1], [2]], 2)).toBeNull();
    expect(tooDeep({ a: 1, b: null, c: [[[1]]] }, 3)).toEqual(['c', 0, 0]);
    expect(tooDeep({ x: [1], y: { z: [{}] } }, 3)).toEqual(['y', 'z', 0]);
    expect(tooDeep({ x: [1], y: { z: [{}] } }, 4)).toBeNull();
    expect(tooDeep({ a: [{ b: 1 }, { c: { d: {} } }] }, 3)).toEqual(['a', 1, 'c']);
    expect(tooDeep([{ a: 1 }, [[{}]]], 3)).toEqual([1, 0, 0]);
    expect(tooDeep(nest(10), 10)).toBeNull();
    expect(tooDeep(nest(11), 10)).toEqual(new Array(10).fill('a'));
  });
});

describe('hashBatch and the chain checks (bad-chain)', () => {
  it('computes each canonical form, hash and RFC 6962 leaf hash, and finds no problem in a good chain', async () => {
    const env = await envelope(3, 4);
    env.header.prevHash = ZERO;
    const prepared = hashBatch(env);
    expect(prepared.canons).toEqual(env.records.map((r) => canonString(r)));
    expect(prepared.hashes).toEqual(await Promise.all(env.records.map((r) => H(r))));
    expect(prepared.leafHashes.map((b) => b.toString('hex'))).toEqual(
      prepared.canons.map((c) => Buffer.from(leafHash(new TextEncoder().encode(c))).toString('hex')),
    );
    expect(prepared.chainProblem).toBeNull();
    expect(prepared.header).toBe(env.header);
  });

  // toStrictEqual: a problem of the whole batch has no `index` member at all, not an undefined one.
  const problem = (env: Envelope) => {
    const p = hashBatch(env).chainProblem;
    return p && { code: p.code, message: p.message, details: p.details };
  };

  it('names the first mismatch of count, range, seq, device, links and head', async () => {
    const base = () => envelope(3, 1);
    let env = await base();
    env.header.count = 2;
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'header.count is 2 but the batch holds 3 records.', details: {} });
    env = await base();
    env.header.toSeq = 4;
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'fromSeq 1 to toSeq 4 is not 3 records.', details: {} });
    env = await base();
    env.header.toSeq = 2;
    expect(problem(env)?.message).toBe('fromSeq 1 to toSeq 2 is not 3 records.');
    env = await base();
    env.records[1] = { ...env.records[1], seq: 5 };
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'record 1 has seq 5, expected 2.', details: { index: 1 } });
    env = await base();
    env.records[0] = { ...env.records[0], seq: '1' };
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'record 0 has seq 1, expected 1.', details: { index: 0 } });
    env = await base();
    env.records[2] = { ...env.records[2], deviceId: 'dev-2' };
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'record 2 names another device than the header.', details: { index: 2 } });
    env = await base();
    env.header.prevHash = 'a'.repeat(64);
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: "the first record's prev is not the header's prevHash.", details: { index: 0 } });
    env = await base();
    env.records[2] = { ...env.records[2], prev: env.records[1]!.prev };
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: "record 2's prev is not the hash of record 1.", details: { index: 2 } });
    env = await base();
    env.header.headHash = 'b'.repeat(64);
    expect(problem(env)).toStrictEqual({ code: 'bad-chain', message: 'headHash is not the hash of the last record.', details: { index: 2 } });
    env = await base();
    env.header.headHash = (await H(env.records[1]))!;
    expect(problem(env)?.message).toBe('headHash is not the hash of the last record.');
  });
});

describe('continuity (PROTOCOL "Continuity")', () => {
  const h = (c: string) => c.repeat(64);
  const stored = (from: number, hashes: string[]) => new Map(hashes.map((x, i) => [from + i, x]));

  it('appends right after the head when the link is the head hash', () => {
    expect(continuity(0, ZERO, 1, ZERO, [h('a'), h('b')], new Map())).toEqual({ kind: 'append', skip: 0 });
    expect(continuity(2, h('b'), 3, h('b'), [h('c')], new Map())).toEqual({ kind: 'append', skip: 0 });
  });

  it('answers a gap past head + 1 with the seq expected', () => {
    expect(continuity(2, h('b'), 4, h('c'), [h('d')], new Map())).toEqual({ kind: 'gap', expectedSeq: 3 });
    expect(continuity(0, ZERO, 2, ZERO, [h('d')], new Map())).toEqual({ kind: 'gap', expectedSeq: 1 });
  });

  it('sees a fork at the link as a conflict at the first seq', () => {
    expect(continuity(2, h('b'), 3, h('x'), [h('c')], new Map())).toEqual({ kind: 'conflict', index: 0, seq: 3, storedHash: h('b') });
    expect(continuity(0, ZERO, 1, h('x'), [h('a')], new Map())).toEqual({ kind: 'conflict', index: 0, seq: 1, storedHash: ZERO });
  });

  it('skips the overlap that matches and appends the rest; all of it stored is a duplicate', () => {
    const s = stored(1, [h('a'), h('b'), h('c')]);
    expect(continuity(3, h('c'), 2, h('a'), [h('b'), h('c'), h('d')], s)).toEqual({ kind: 'append', skip: 2 });
    expect(continuity(3, h('c'), 3, h('b'), [h('c'), h('d')], s)).toEqual({ kind: 'append', skip: 1 });
    expect(continuity(3, h('c'), 2, h('a'), [h('b'), h('c')], s)).toEqual({ kind: 'duplicate' });
    expect(continuity(3, h('c'), 1, ZERO, [h('a')], s)).toEqual({ kind: 'duplicate' });
  });

  it('names the first overlapping record that differs, and refuses a stored chain with a hole', () => {
    const s = stored(1, [h('a'), h('b'), h('c')]);
    expect(continuity(3, h('c'), 1, ZERO, [h('a'), h('x'), h('y'), h('d')], s)).toEqual({ kind: 'conflict', index: 1, seq: 2, storedHash: h('b') });
    expect(continuity(3, h('c'), 3, h('b'), [h('x')], s)).toEqual({ kind: 'conflict', index: 0, seq: 3, storedHash: h('c') });
    expect(() => continuity(3, h('c'), 2, h('a'), [h('b'), h('c')], stored(2, [h('b')]))).toThrow(
      new Error('device chain has no record at seq 3 below its head 3'),
    );
  });
});
