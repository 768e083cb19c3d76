// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  consistencyProof,
  consistencyProofFrom,
  emptyFrontier,
  emptyRoot,
  frontierRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeaves,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/protocol/merkle';
import { toHex } from '../../../src/protocol/canon';

/** Eight leaf hashes of the bytes 0…7, built inside each test (mutation testing attributes them). */
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(new Uint8Array([i])));

describe('Merkle tree argument guards and malformed proofs', () => {
  it('hashes a leaf as SHA-256(0x00‖bytes), a node as SHA-256(0x01‖l‖r), with the hash given', () => {
    const seen: number[][] = [];
    const spy = (d: Uint8Array) => {
      seen.push([...d]);
      return new Uint8Array(32).fill(d.length);
    };
    expect([...leafHash(new Uint8Array([7, 8]), spy)]).toEqual(new Array(32).fill(3));
    const l = new Uint8Array(32).fill(1);
    const r = new Uint8Array(32).fill(2);
    nodeHash(l, r, spy);
    expect([...emptyRoot(spy)]).toEqual(new Array(32).fill(0));
    expect(seen[0]).toEqual([0, 7, 8]);
    expect(seen[1]).toEqual([1, ...l, ...r]);
    expect(seen[2]).toEqual([]);
    expect(toHex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('appends without touching the old frontier, and its root is the list root', () => {
    const ls = leavesOf(7);
    let f = emptyFrontier();
    expect(toHex(frontierRoot(f))).toBe(toHex(emptyRoot()));
    for (let i = 0; i < ls.length; i++) {
      const before = { size: f.size, nodes: [...f.nodes] };
      const next = appendLeaf(f, ls[i]!);
      expect(f).toEqual(before);
      expect(next.size).toBe(i + 1);
      expect(next.nodes.length).toBe([...(i + 1).toString(2)].filter((b) => b === '1').length);
      expect(toHex(frontierRoot(next))).toBe(toHex(rootFromLeaves(ls.slice(0, i + 1))));
      f = next;
    }
    expect(toHex(subtreeRoot(2, 5, (i) => ls[i]!))).toBe(toHex(rootFromLeaves(ls.slice(2, 5))));
  });

  it('refuses a leaf outside the tree or sizes that are not safe integers', () => {
    const ls = leavesOf(4);
    const at = (i: number) => ls[i]!;
    expect(() => inclusionProof(4, 4, at)).toThrow(new RangeError('leaf 4 is not in a tree of 4 leaves'));
    expect(() => inclusionProof(-1, 4, at)).toThrow(new RangeError('leaf -1 is not in a tree of 4 leaves'));
    expect(() => inclusionProof(0, 0, at)).toThrow(RangeError);
    expect(() => inclusionProof(1.5, 4, at)).toThrow(RangeError);
    expect(() => inclusionProof(0, 2.5, at)).toThrow(RangeError);
    expect(() => inclusionProof(0, 2 ** 53, at)).toThrow(RangeError);
    expect(() => inclusionProof(2 ** 53, 2 ** 53 + 2, at)).toThrow(RangeError);
    expect(inclusionProof(0, 1, at)).toEqual([]);
    expect(inclusionProof(3, 4, at).length).toBe(2);
  });

  it('refuses a consistency proof between sizes that are not a prefix', () => {
    const ls = leavesOf(4);
    const at = (i: number) => ls[i]!;
    expect(() => consistencyProof(3, 2, at)).toThrow(new RangeError('no consistency proof from 3 to 2 leaves'));
    expect(() => consistencyProof(-1, 2, at)).toThrow(RangeError);
    expect(() => consistencyProof(1.5, 2, at)).toThrow(RangeError);
    expect(() => consistencyProof(1, 2.5, at)).toThrow(RangeError);
    expect(() => consistencyProof(2 ** 53, 2 ** 53, at)).toThrow(RangeError);
    expect(() => consistencyProof(0, 2 ** 53, at)).toThrow(RangeError);
    const never = () => {
      throw new Error('no subtree is needed');
    };
    expect(consistencyProofFrom(0, 4, never)).toEqual([]);
    expect(consistencyProofFrom(4, 4, never)).toEqual([]);
    expect(consistencyProof(2, 4, at).map(toHex)).toEqual([toHex(rootFromLeaves(ls.slice(2, 4)))]);
    expect(consistencyProof(3, 4, at).length).toBe(3);
  });

  it('finds no root for an inclusion proof that cannot fit', () => {
    const ls = leavesOf(5);
    const root = rootFromLeaves(ls);
    const proof = inclusionProof(2, 5, (i) => ls[i]!);
    expect(toHex(rootFromInclusionProof(2, 5, ls[2]!, proof)!)).toBe(toHex(root));
    expect(rootFromInclusionProof(2, 5, ls[2]!.subarray(1), proof)).toBeNull();
    expect(rootFromInclusionProof(-1, 5, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(5, 5, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(2.5, 5, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(2, 5.5, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(2, 2 ** 53, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(2 ** 53, 2 ** 53 + 2, ls[2]!, proof)).toBeNull();
    expect(rootFromInclusionProof(2, 5, ls[2]!, [proof[0]!, proof[1]!.subarray(0, 31), proof[2]!])).toBeNull();
    expect(rootFromInclusionProof(2, 5, ls[2]!, [...proof, proof[0]!])).toBeNull();
    expect(rootFromInclusionProof(2, 5, ls[2]!, proof.slice(0, 2))).toBeNull();
    expect(toHex(rootFromInclusionProof(0, 1, ls[0]!, [])!)).toBe(toHex(ls[0]!));
    expect(verifyInclusion(0, 1, ls[0]!, [], ls[0]!)).toBe(true);
    expect(verifyInclusion(0, 1, ls[0]!, [], ls[0]!.subarray(1))).toBe(false);
    expect(verifyInclusion(0, 1, ls[0]!, [], ls[1]!)).toBe(false);
    // Every inclusion proof of trees of 1 to 8 leaves leads to the root, and to nothing else.
    for (let size = 1; size <= 8; size++) {
      const all = leavesOf(size);
      const r = rootFromLeaves(all);
      for (let i = 0; i < size; i++) {
        const p = inclusionProof(i, size, (j) => all[j]!);
        expect(verifyInclusion(i, size, all[i]!, p, r)).toBe(true);
        if (size > 1) expect(verifyInclusion((i + 1) % size, size, all[i]!, p, r)).toBe(false);
      }
    }
  });

  it('refuses consistency with bad sizes, bad hashes or a wrong root on either side', () => {
    const ls = leavesOf(8);
    const roots = Array.from({ length: 9 }, (_, n) => rootFromLeaves(ls.slice(0, n)));
    const at = (i: number) => ls[i]!;
    expect(verifyConsistency(1.5, 4, roots[1]!, roots[4]!, [])).toBe(false);
    expect(verifyConsistency(1, 4.5, roots[1]!, roots[4]!, [])).toBe(false);
    expect(verifyConsistency(-1, 4, roots[1]!, roots[4]!, [])).toBe(false);
    expect(verifyConsistency(2 ** 53, 2 ** 53, roots[1]!, roots[1]!, [])).toBe(false);
    expect(verifyConsistency(3, 3, roots[3]!, roots[3]!, [])).toBe(true);
    expect(verifyConsistency(3, 3, roots[3]!, roots[3]!, [roots[1]!])).toBe(false);
    expect(verifyConsistency(3, 3, roots[3]!.subarray(1), roots[3]!.subarray(1), [])).toBe(false);
    expect(verifyConsistency(0, 3, roots[0]!, roots[3]!, [roots[1]!])).toBe(false);
    const p = consistencyProof(3, 7, at);
    expect(verifyConsistency(3, 7, roots[3]!, roots[7]!, p)).toBe(true);
    expect(verifyConsistency(3, 7, roots[3]!, roots[7]!, [p[0]!.subarray(1), ...p.slice(1)])).toBe(false);
    expect(verifyConsistency(3, 7, roots[3]!, roots[7]!, [...p.slice(0, -1), p[p.length - 1]!.subarray(1)])).toBe(false);
    expect(verifyConsistency(3, 7, roots[3]!, roots[7]!, [...p, p[0]!])).toBe(false);
    expect(verifyConsistency(3, 7, roots[4]!, roots[7]!, p)).toBe(false);
    expect(verifyConsistency(3, 7, roots[3]!, roots[6]!, p)).toBe(false);
    expect(verifyConsistency(3, 7, roots[3]!.subarray(0, 31), roots[7]!, p)).toBe(false);
    // Every pair of sizes up to 8: the proof verifies, and not against the neighbours' roots.
    for (let to = 1; to <= 8; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = consistencyProof(from, to, at);
        expect(verifyConsistency(from, to, roots[from]!, roots[to]!, proof)).toBe(true);
        if (from < to) {
          expect(verifyConsistency(from, to, roots[from - 1 || 2]!, roots[to]!, proof)).toBe(false);
          expect(verifyConsistency(from, to, roots[from]!, roots[to - 1]!, proof)).toBe(false);
        }
      }
    }
  });
});
