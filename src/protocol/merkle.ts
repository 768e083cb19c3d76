import { sha256 } from '@noble/hashes/sha256';

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
