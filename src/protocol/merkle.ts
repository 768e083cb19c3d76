import { sha256 } from '@noble/hashes/sha2.js';

/**
 * RFC 6962 Merkle tree hashing for the audit log: leaf = SHA-256(0x00‖bytes), node = SHA-256(0x01‖l‖r).
 * The hash function is a parameter so the server can pass Node's native SHA-256; the default is a
 * pure-JS one that runs synchronously in the browser and in the verify CLI alike.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array;

export const defaultSha256: Sha256 = (d) => sha256(d);

export function leafHash(bytes: Uint8Array, h: Sha256 = defaultSha256): Uint8Array {
  const buf = new Uint8Array(bytes.length + 1);
  buf[0] = 0;
  buf.set(bytes, 1);
  return h(buf);
}

export function nodeHash(left: Uint8Array, right: Uint8Array, h: Sha256 = defaultSha256): Uint8Array {
  const buf = new Uint8Array(65);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 33);
  return h(buf);
}

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(h: Sha256 = defaultSha256): Uint8Array {
  return h(new Uint8Array(0));
}

/**
 * The compact range of a tree of `size` leaves: the roots of its perfect subtrees, largest first
 * (one per set bit of `size`). Appending is O(log n) and needs no other stored nodes.
 */
export interface Frontier {
  size: number;
  nodes: Uint8Array[];
}

export const emptyFrontier = (): Frontier => ({ size: 0, nodes: [] });

/** Appends one leaf hash; returns a new frontier (the input is left unchanged). */
export function appendLeaf(f: Frontier, leaf: Uint8Array, h: Sha256 = defaultSha256): Frontier {
  const nodes = f.nodes.slice();
  let node = leaf;
  // Merge equal-sized subtrees: each trailing 1 bit of the old size is one merge.
  for (let s = f.size; s & 1; s >>= 1) node = nodeHash(nodes.pop()!, node, h);
  nodes.push(node);
  return { size: f.size + 1, nodes };
}

/** The tree head (root) of the frontier's tree, RFC 6962 MTH. */
export function frontierRoot(f: Frontier, h: Sha256 = defaultSha256): Uint8Array {
  if (f.size === 0) return emptyRoot(h);
  let root = f.nodes[f.nodes.length - 1]!;
  for (let i = f.nodes.length - 2; i >= 0; i--) root = nodeHash(f.nodes[i]!, root, h);
  return root;
}

/** Reads the leaf hash at index i (0-based) of the log; proofs call it once per leaf they need. */
export type LeafAt = (i: number) => Uint8Array;

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point k. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]), the RFC 6962 hash of a range of leaves (end > start). */
export function subtreeRoot(start: number, end: number, leafAt: LeafAt, h: Sha256 = defaultSha256): Uint8Array {
  const n = end - start;
  if (n === 1) return leafAt(start);
  const k = split(n);
  return nodeHash(subtreeRoot(start, start + k, leafAt, h), subtreeRoot(start + k, end, leafAt, h), h);
}

/** The tree head of a list of leaf hashes (RFC 6962 MTH; SHA-256 of nothing when empty). */
export function rootFromLeaves(leaves: readonly Uint8Array[], h: Sha256 = defaultSha256): Uint8Array {
  return leaves.length === 0 ? emptyRoot(h) : subtreeRoot(0, leaves.length, (i) => leaves[i]!, h);
}

/**
 * MTH of the leaves [start, end) of the log. The proofs below only ask for ranges RFC 6962's
 * recursion makes: `start` is a multiple of the smallest power of two ≥ end − start, so a range of
 * up to 2^h leaves never crosses a multiple of 2^h, and a power-of-two range is a perfect subtree.
 * A store may answer from stored subtree roots instead of hashing every leaf.
 */
export type RangeRoot = (start: number, end: number) => Uint8Array;

/** The inclusion proof of leaf `index` in the tree of `size` leaves, deepest sibling first (RFC 6962 PATH). */
export function inclusionProof(index: number, size: number, leafAt: LeafAt, h: Sha256 = defaultSha256): Uint8Array[] {
  return inclusionProofFrom(index, size, (start, end) => subtreeRoot(start, end, leafAt, h));
}

/** inclusionProof with the sibling roots taken from `rangeRoot`. */
export function inclusionProofFrom(index: number, size: number, rangeRoot: RangeRoot): Uint8Array[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  }
  const path = (m: number, start: number, end: number): Uint8Array[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = split(n);
    return m < k ? [...path(m, start, start + k), rangeRoot(start + k, end)] : [...path(m - k, start + k, end), rangeRoot(start, start + k)];
  };
  return path(index, 0, size);
}

/** The consistency proof between the trees of `from` and `to` leaves (RFC 6962 PROOF); empty when from is 0 or to. */
export function consistencyProof(from: number, to: number, leafAt: LeafAt, h: Sha256 = defaultSha256): Uint8Array[] {
  return consistencyProofFrom(from, to, (start, end) => subtreeRoot(start, end, leafAt, h));
}

/** consistencyProof with the subtree roots taken from `rangeRoot`. */
export function consistencyProofFrom(from: number, to: number, rangeRoot: RangeRoot): Uint8Array[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
    throw new RangeError(`no consistency proof from ${from} to ${to} leaves`);
  }
  // Stryker disable next-line ConditionalExpression: from === to needs no shortcut, subproof answers [] for a whole tree of m leaves.
  if (from === 0 || from === to) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Uint8Array[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [rangeRoot(start, end)];
    const k = split(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), rangeRoot(start + k, end)]
      : [...subproof(m - k, start + k, end, false), rangeRoot(start, start + k)];
  };
  return subproof(from, 0, to, true);
}

const odd = (x: number) => x % 2 === 1;
// Stryker disable next-line ConditionalExpression,EqualityOperator: only called with sizes of 1 or more.
const isPowerOfTwo = (x: number) => x > 0 && 2 ** Math.round(Math.log2(x)) === x;
const half = (x: number) => Math.floor(x / 2);

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== 32 || b.length !== 32) return false;
  // Stryker disable next-line EqualityOperator: one step further compares undefined with undefined.
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or null when the proof cannot fit the sizes. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): Uint8Array | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || leaf.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0 || p.length !== 32) return null;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r, h);
      // Stryker disable next-line ConditionalExpression: the loop's own test stops at once for an odd fn.
      if (!odd(fn))
        // Stryker disable next-line ConditionalExpression: fn is not 0 here (fn === sn, and sn is not 0).
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else r = nodeHash(r, p, h);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** Whether `proof` shows leaf hash `leaf` at `index` in the tree of `size` leaves with head `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  h: Sha256 = defaultSha256,
): boolean {
  const r = rootFromInclusionProof(index, size, leaf, proof, h);
  return r !== null && sameHash(r, root);
}

/** Whether `proof` shows the tree of `from` leaves (head rootFrom) is a prefix of the tree of `to` (RFC 9162 §2.1.4.2). */
export function verifyConsistency(
  from: number,
  to: number,
  rootFrom: Uint8Array,
  rootTo: Uint8Array,
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && sameHash(rootFrom, rootTo);
  if (from === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  // Stryker disable next-line ConditionalExpression: an empty proof never ends with sn at 0 below (from is not to), so it is refused either way.
  if (proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  // When `from` is a power of two its head is a node of the bigger tree and the proof omits it.
  const path = isPowerOfTwo(from) ? [rootFrom, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    // Stryker disable next-line ConditionalExpression: hashing a further element in cannot give back rootFrom (a SHA-256 preimage).
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr, h);
      sr = nodeHash(c, sr, h);
      // Stryker disable next-line ConditionalExpression: the loop's own test stops at once for an odd fn.
      if (!odd(fn))
        // Stryker disable next-line ConditionalExpression: fn is not 0 here (fn === sn, and sn is not 0).
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else sr = nodeHash(sr, c, h);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, rootFrom) && sameHash(sr, rootTo);
}
