import { hash } from 'node:crypto';
import type { Frontier, Sha256 } from '../protocol/merkle';

/**
 * Server-only SHA-256 with Node's one-shot `crypto.hash` (no Hash object per call): the ingest path
 * hashes every record, every log leaf and the log's interior nodes.
 */
export const sha256HexSync = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** Raw SHA-256 for the RFC 6962 log (merkle.ts takes the hash function as a parameter). */
export const nodeSha256: Sha256 = (data) => hash('sha256', data, 'buffer');

/**
 * RFC 6962 leaf hash SHA-256(0x00 ‖ utf8(canon)) straight from the text: U+0000 encodes as the
 * single byte 0x00, so no byte buffer of the record is built (merkle.ts leafHash, same result).
 */
export const leafHashOfCanon = (canon: string): Buffer => hash('sha256', '\u0000' + canon, 'buffer');

/**
 * One buffer for the texts being hashed, kept between batches (hashing is synchronous, and nothing
 * keeps a view of it): a new megabyte per batch cost fresh pages from the system every time.
 * Grown to the largest batch seen, up to 4 MiB (a batch of 500 questionnaires needs about 1 MiB);
 * larger asks get their own.
 */
let scratchBytes = Buffer.alloc(0);
const SCRATCH_MAX = 4 * 1024 * 1024;
function scratch(size: number): Buffer {
  if (size > SCRATCH_MAX) return Buffer.allocUnsafe(size);
  if (scratchBytes.length < size) scratchBytes = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, Math.max(size, 2 * scratchBytes.length)));
  return scratchBytes;
}

/**
 * Record hashes H(record) (hex) and RFC 6962 leaf hashes SHA-256(0x00 ‖ canon) of canonical texts,
 * from one UTF-8 encoding of each text: the texts are written into one buffer, each after a 0x00
 * byte, and both hashes read the same bytes.
 */
export function hashCanons(canons: string[]): { hashes: string[]; leafHashes: Buffer[] } {
  let units = 0;
  for (const c of canons) units += c.length;
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
  const bytes = scratch(units * 3 + canons.length);
  const hashes = new Array<string>(canons.length);
  const leafHashes = new Array<Buffer>(canons.length);
  let at = 0;
  for (let i = 0; i < canons.length; i++) {
    bytes[at] = 0;
    const end = at + 1 + bytes.write(canons[i]!, at + 1, 'utf8');
    hashes[i] = hash('sha256', bytes.subarray(at + 1, end), 'hex');
    leafHashes[i] = hash('sha256', bytes.subarray(at, end), 'buffer');
    at = end;
  }
  return { hashes, leafHashes };
}

/** A perfect subtree of the log: MTH of the leaves [index·2^height, (index+1)·2^height). */
export interface CompletedSubtree {
  height: number;
  index: number;
  hash: Uint8Array;
}

/**
 * Appends leaf hashes to an RFC 6962 frontier, as merkle.ts appendLeaf does one leaf at a time,
 * with one scratch buffer for the interior nodes instead of new arrays per leaf. Returns a new
 * frontier (the input is left unchanged). With `keep`, every perfect subtree of `minHeight` or more
 * that the leaves complete is pushed to `keep.into`: the merges of each appended leaf build them
 * anyway (the frontier holds the partial subtree that came before), so they cost no hashing.
 */
export function appendLeaves(f: Frontier, leaves: readonly Uint8Array[], keep?: { minHeight: number; into: CompletedSubtree[] }): Frontier {
  const nodes = f.nodes.slice();
  const pair = Buffer.allocUnsafe(65);
  pair[0] = 1;
  const minHeight = keep ? keep.minHeight : Infinity;
  let size = f.size;
  for (const leaf of leaves) {
    let node = leaf;
    let height = 0;
    // Merge equal-sized subtrees: each trailing 1 bit of the old size is one merge.
    for (let s = size; s & 1; s >>= 1) {
      pair.set(nodes.pop()!, 1);
      pair.set(node, 33);
      node = hash('sha256', pair, 'buffer');
      // node is now the perfect subtree of 2^height leaves that ends with this leaf.
      if (++height >= minHeight) keep!.into.push({ height, index: (size + 1) / 2 ** height - 1, hash: node });
    }
    nodes.push(node);
    size++;
  }
  return { size, nodes };
}
