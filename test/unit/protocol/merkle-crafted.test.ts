// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { consistencyProof, leafHash, nodeHash, rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../../../src/protocol/merkle';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const leaf = leafHash(new TextEncoder().encode('leaf'));
const x = bytes(32, 1);
const y = bytes(32, 2);
/** `b` with one byte more: the same 32 bytes first. */
const longer = (b: Uint8Array) => new Uint8Array([...b, 0]);

/**
 * The guards of the proof checks, each shown with an input whose arithmetic would otherwise come
 * out as "verified": proofs are crafted so that, without the guard, the loop would end on the roots
 * the caller passed.
 */
describe('Merkle proofs crafted to close on the roots given', () => {
  it('refuses consistency proofs between impossible sizes', () => {
    for (const [from, to] of [
      [-1, 3],
      [4, 3],
      [1.5, 3],
      [1, Number.NaN],
    ] as const) {
      expect(() => consistencyProof(from, to, () => leaf), `${from} → ${to}`).toThrow(new RangeError(`no consistency proof from ${from} to ${to} leaves`));
    }
  });

  it('proves consistency from the empty tree with nothing', () => {
    expect(consistencyProof(0, 5, () => leaf)).toEqual([]);
  });

  it('refuses sizes out of order, negative or not integers even when the proof would close on the roots given', () => {
    // from -1 to 2, from 3 to 2 and from 1.5 to 2: the walk over [x, y] would end with the old
    // root x and the new root H(x, y).
    const closes = nodeHash(x, y);
    for (const [from, to] of [
      [-1, 2],
      [3, 2],
      [1.5, 2],
    ] as const) {
      expect(verifyConsistency(from, to, x, closes, [x, y]), `${from} → ${to}`).toBe(false);
    }
  });

  it('refuses proof hashes that are not 32 bytes, and an empty proof between different sizes', () => {
    // From 1 leaf (root x) to 4: the path is x, then the proof; the walk hashes each in on the right.
    const short = bytes(31, 3);
    const to = nodeHash(nodeHash(x, short), y);
    expect(verifyConsistency(1, 4, x, to, [short, y])).toBe(false);
    expect(verifyConsistency(1, 4, x, nodeHash(nodeHash(x, y), y), [y, y])).toBe(true);
    expect(verifyConsistency(3, 4, x, x, [])).toBe(false);
  });

  it('compares roots as 32-byte hashes: a root with a byte more is not the same root', () => {
    expect(verifyConsistency(2, 2, x, x, [])).toBe(true);
    expect(verifyConsistency(2, 2, longer(x), x, [])).toBe(false);
    expect(verifyConsistency(2, 2, x, longer(x), [])).toBe(false);
    const root = rootFromInclusionProof(0, 2, leaf, [y])!;
    expect(verifyInclusion(0, 2, leaf, [y], root)).toBe(true);
    expect(verifyInclusion(0, 2, leaf, [y], longer(root))).toBe(false);
  });

  it('has no inclusion proof for an index at or past the size', () => {
    // Index 4 of 4: the walk over [x, y] would end with sn = 0 and a root.
    expect(rootFromInclusionProof(4, 4, leaf, [x, y])).toBeNull();
    expect(rootFromInclusionProof(3, 4, leaf, [x, y])).not.toBeNull();
  });
});
