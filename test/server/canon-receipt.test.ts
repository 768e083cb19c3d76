import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL, canonString } from '../../src/protocol/canon';
import { verifyBatchAnswer } from '../../src/protocol/receipt';
import { canonicaliser } from '../../src/server/ingest/canon-json';
import { appendLeaves, hashCanons, nodeSha256, sha256HexSync } from '../../src/server/hashing';
import { appendLeaf, emptyFrontier, frontierRoot, leafHash, type Frontier } from '../../src/protocol/merkle';
import { continuity } from '../../src/server/ingest/continuity';
import { loadServerSigner } from '../../src/server/secrets';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('canonicaliser (the ingest fast path of canon)', () => {
  const canonJson = canonicaliser();
  it('writes exactly what canonString writes, for any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const parsed = JSON.parse(JSON.stringify(v));
        expect(canonJson(parsed)).toBe(canonString(parsed));
      }),
      { numRuns: 2000 },
    );
    const tricky = JSON.parse('{"b":1,"a":[1e21,-0,0.1,"\\u2028\\ud800",{"10":1,"2":2,"é":3,"Z":4}],"":null}');
    expect(canonJson(tricky)).toBe(canonString(tricky));
  });
  it('sorts every shape it met before right: the same keys in other orders, other values, nested', () => {
    const one = canonicaliser();
    const texts = [
      '{"b":1,"a":{"y":[{"q":1,"p":2}],"x":"1"}}',
      '{"a":2,"b":{"x":[],"y":{}}}',
      '{"b":"B","a":{"y":[{"p":3,"q":4},{"q":5,"p":6}],"x":null}}',
      '{"b":1,"a":2,"c":3}',
      '{"b":1,"a":2}',
      '{}',
      '{"":{"":[]},"\\u0000":0}',
    ];
    for (let round = 0; round < 2; round++) {
      for (const t of texts) expect(one(JSON.parse(t))).toBe(canonString(JSON.parse(t)));
    }
  });
});

describe('hashCanons (record and leaf hashes from one encoding)', () => {
  it('gives SHA-256 of each text and SHA-256(0x00 ‖ text) for any texts', () => {
    const check = (texts: string[]) => {
      const { hashes, leafHashes } = hashCanons(texts);
      expect(hashes).toEqual(texts.map((t) => sha256HexSync(t)));
      expect(leafHashes.map((l) => Buffer.from(l).toString('hex'))).toEqual(
        texts.map((t) => Buffer.from(leafHash(new TextEncoder().encode(t), nodeSha256)).toString('hex')),
      );
    };
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 8 }), check), { numRuns: 500 });
    check(['', '窗口办事效率', '😀\u2028', 'a'.repeat(5000) + '评议', '\ud800 lone', '']);
  });
});

describe('appendLeaves (the ingest path of appendLeaf)', () => {
  it('gives the frontier appendLeaf gives, leaf by leaf, from any size', () => {
    const leaf = (i: number) => nodeSha256(new TextEncoder().encode(`leaf ${i}`));
    const hex = (f: Frontier) => ({
      size: f.size,
      nodes: f.nodes.map((n) => Buffer.from(n).toString('hex')),
      root: Buffer.from(frontierRoot(f, nodeSha256)).toString('hex'),
    });
    let one = emptyFrontier();
    let many = emptyFrontier();
    let next = 0;
    for (const count of [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 0, 100, 257]) {
      const leaves = Array.from({ length: count }, () => leaf(next++));
      for (const l of leaves) one = appendLeaf(one, l, nodeSha256);
      const before = hex(many);
      const after = appendLeaves(many, leaves);
      expect(hex(many)).toEqual(before); // the input frontier is left unchanged
      many = after;
      expect(hex(many)).toEqual(hex(one));
    }
  });
});

describe('continuity', () => {
  const h = (n: number) => n.toString(16).padStart(64, '0');
  const stored = new Map([1, 2, 3].map((s) => [s, h(s)]));
  it('decides append, duplicate, gap and conflict as PROTOCOL.md says', () => {
    const ZERO = h(0);
    expect(continuity(0, ZERO, 1, ZERO, [h(1)], new Map())).toEqual({ kind: 'append', skip: 0 });
    expect(continuity(3, h(3), 4, h(3), [h(4)], new Map())).toEqual({ kind: 'append', skip: 0 });
    expect(continuity(3, h(3), 5, h(4), [h(5)], new Map())).toEqual({ kind: 'gap', expectedSeq: 4 });
    expect(continuity(3, h(3), 2, h(1), [h(2), h(3)], stored)).toEqual({ kind: 'duplicate' });
    expect(continuity(3, h(3), 2, h(1), [h(2), h(3), h(4)], stored)).toEqual({ kind: 'append', skip: 2 });
    expect(continuity(3, h(3), 2, h(1), [h(2), h(9), h(4)], stored)).toEqual({ kind: 'conflict', index: 1, seq: 3, storedHash: h(3) });
    expect(continuity(3, h(3), 3, h(2), [h(8)], stored)).toEqual({ kind: 'conflict', index: 0, seq: 3, storedHash: h(3) });
    // A fork at the link: right after the head, but prevHash is not the head's hash (ZERO at head 0).
    expect(continuity(3, h(3), 4, h(7), [h(4)], new Map())).toEqual({ kind: 'conflict', index: 0, seq: 4, storedHash: h(3) });
    expect(continuity(0, ZERO, 1, h(7), [h(1)], new Map())).toEqual({ kind: 'conflict', index: 0, seq: 1, storedHash: ZERO });
  });
});

describe('verifyBatchAnswer (what the tablet checks before marking records received)', () => {
  it('accepts a receipt signed by the server key for the batch sent, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-receipt-'));
    try {
      const { signer } = await loadServerSigner(dir);
      const { signer: other } = await loadServerSigner(join(dir, 'other'));
      const receipt = {
        protocol: PROTOCOL,
        deviceId: 'd1',
        throughSeq: 20,
        headHash: 'a'.repeat(64),
        receivedAt: '2026-11-21T09:30:00.000Z',
        logSize: 40,
        logRoot: 'b'.repeat(64),
      };
      const answer = { status: 'accepted', appended: 10, receipt, serverSig: signer.sign(receipt) };
      const expected = { deviceId: 'd1', throughSeq: 20, headHash: 'a'.repeat(64) };
      expect(await verifyBatchAnswer(answer, signer.jwk, expected)).toMatchObject({ ok: true, answer });
      expect((await verifyBatchAnswer(answer, other.jwk, expected)).ok).toBe(false);
      expect((await verifyBatchAnswer({ ...answer, receipt: { ...receipt, throughSeq: 21 } }, signer.jwk)).ok).toBe(false);
      expect((await verifyBatchAnswer(answer, signer.jwk, { ...expected, throughSeq: 19 })).ok).toBe(false);
      expect((await verifyBatchAnswer(answer, signer.jwk, { ...expected, deviceId: 'd2' })).ok).toBe(false);
      expect((await verifyBatchAnswer(answer, signer.jwk, { ...expected, headHash: 'c'.repeat(64) })).ok).toBe(false);
      expect((await verifyBatchAnswer({ error: 'internal' }, signer.jwk)).ok).toBe(false);
      expect((await verifyBatchAnswer(answer, { kty: 'EC' })).ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
