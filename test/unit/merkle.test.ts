// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { fromHex, toHex } from '../../src/protocol/canon';
import {
  appendLeaf,
  consistencyProof,
  emptyFrontier,
  frontierRoot,
  inclusionProof,
  leafHash,
  rootFromLeaves,
  verifyConsistency,
  verifyInclusion,
} from '../../src/protocol/merkle';
import vectors from './fixtures/rfc6962-vectors.json';

const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const leaves = vectors.leaves.map((hex) => leafHash(fromHex(hex)));
const hashes = (xs: string[]) => xs.map(fromHex);

/** An independent MTH, written straight from RFC 6962 §2.1 over the raw data (not leaf hashes). */
function mth(data: Uint8Array[]): Uint8Array {
  if (data.length === 0) return sha(new Uint8Array());
  if (data.length === 1) return sha(new Uint8Array([0, ...data[0]!]));
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha(new Uint8Array([1, ...mth(data.slice(0, k)), ...mth(data.slice(k))]));
}

describe('RFC 6962 published vectors', () => {
  it('computes every published root, from a list and from the frontier', () => {
    let f = emptyFrontier();
    vectors.roots.forEach((root, i) => {
      expect(toHex(rootFromLeaves(leaves.slice(0, i + 1)))).toBe(root);
      f = appendLeaf(f, leaves[i]!);
      expect(toHex(frontierRoot(f))).toBe(root);
    });
    expect(toHex(rootFromLeaves([]))).toBe(vectors.emptyRoot);
  });

  it.each(vectors.inclusion)('inclusion proof of leaf $index in a tree of $size', ({ index, size, proof }) => {
    const made = inclusionProof(index, size, (i) => leaves[i]!);
    expect(made.map(toHex)).toEqual(proof);
    const root = fromHex(vectors.roots[size - 1]!);
    expect(verifyInclusion(index, size, leaves[index]!, hashes(proof), root)).toBe(true);
    // Tampering of any kind must fail.
    expect(verifyInclusion(index, size, leaves[(index + 1) % 8]!, hashes(proof), root)).toBe(false);
    expect(verifyInclusion(index, size * 2, leaves[index]!, hashes(proof), root)).toBe(false);
    expect(verifyInclusion(index, size, leaves[index]!, [...hashes(proof), root], root)).toBe(false);
    for (let j = 0; j < proof.length; j++) {
      const bad = hashes(proof);
      bad[j]![0]! ^= 8;
      expect(verifyInclusion(index, size, leaves[index]!, bad, root)).toBe(false);
    }
    if (proof.length > 0) expect(verifyInclusion(index, size, leaves[index]!, hashes(proof).slice(1), root)).toBe(false);
  });

  it.each(vectors.consistency)('consistency proof from $from to $to', ({ from, to, proof }) => {
    const made = consistencyProof(from, to, (i) => leaves[i]!);
    expect(made.map(toHex)).toEqual(proof);
    const r1 = fromHex(vectors.roots[from - 1]!);
    const r2 = fromHex(vectors.roots[to - 1]!);
    expect(verifyConsistency(from, to, r1, r2, hashes(proof))).toBe(true);
    // The old root is checked, not only the new one: a wrong old root fails with the right new root.
    const wrongOld = fromHex(vectors.roots[from - 1]!);
    wrongOld[31]! ^= 1;
    expect(verifyConsistency(from, to, wrongOld, r2, hashes(proof))).toBe(false);
    if (proof.length === 0) return;
    expect(verifyConsistency(from, to, r2, r1, hashes(proof))).toBe(false);
    expect(verifyConsistency(from + 1, to, r1, r2, hashes(proof))).toBe(false);
    expect(verifyConsistency(from, to, r1, r2, hashes(proof).slice(0, -1))).toBe(false);
    expect(verifyConsistency(from, to, r1, r2, [...hashes(proof), r1])).toBe(false);
    for (let j = 0; j < proof.length; j++) {
      const bad = hashes(proof);
      bad[j]![0]! ^= 16;
      expect(verifyConsistency(from, to, r1, r2, bad)).toBe(false);
    }
  });

  it('edge cases of consistency', () => {
    const empty = fromHex(vectors.emptyRoot);
    const r1 = fromHex(vectors.roots[0]!);
    expect(verifyConsistency(0, 1, empty, r1, [])).toBe(true);
    expect(verifyConsistency(0, 1, empty, r1, [empty])).toBe(false);
    expect(verifyConsistency(1, 0, r1, empty, [])).toBe(false);
    expect(verifyConsistency(1, 1, r1, empty, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, fromHex(vectors.roots[1]!), [])).toBe(false);
    expect(() => inclusionProof(3, 3, (i) => leaves[i]!)).toThrow(RangeError);
  });
});

describe('against an independent recursive MTH', () => {
  const data = fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 });

  it('roots, frontier and every inclusion proof agree', () => {
    fc.assert(
      fc.property(data, (ds) => {
        const ls = ds.map((d) => leafHash(d, sha));
        const root = mth(ds);
        expect(toHex(rootFromLeaves(ls, sha))).toBe(toHex(root));
        const f = ls.reduce((acc, l) => appendLeaf(acc, l, sha), emptyFrontier());
        expect(toHex(frontierRoot(f, sha))).toBe(toHex(root));
        for (let i = 0; i < ls.length; i++) {
          expect(
            verifyInclusion(
              i,
              ls.length,
              ls[i]!,
              inclusionProof(i, ls.length, (j) => ls[j]!, sha),
              root,
              sha,
            ),
          ).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every consistency proof verifies between prefix heads', () => {
    fc.assert(
      fc.property(data, fc.nat(), (ds, cut) => {
        const ls = ds.map((d) => leafHash(d, sha));
        const m = cut % (ls.length + 1);
        const proof = consistencyProof(m, ls.length, (j) => ls[j]!, sha);
        expect(verifyConsistency(m, ls.length, mth(ds.slice(0, m)), mth(ds), proof, sha)).toBe(true);
        if (m > 0 && m < ls.length) {
          const other = mth([...ds.slice(0, m - 1), new Uint8Array([255, 1, 2]), ...ds.slice(m)]);
          expect(verifyConsistency(m, ls.length, mth(ds.slice(0, m)), other, proof, sha)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
