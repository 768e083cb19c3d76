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
 * Record hashes H(record) (hex) and RFC 6962 leaf hashes SHA-256(0x00 ‖ canon) of canonical texts,
 * from one UTF-8 encoding of each text: the texts are written into one buffer, each after a 0x00
 * byte, and both hashes read the same bytes.
 */
export function hashCanons(canons: string[]): { hashes: string[]; leafHashes: Buffer[] } {
  let units = 0;
  for (const c of canons) units += c.length;
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
  const bytes = Buffer.allocUnsafe(units * 3 + canons.length);
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

/**
 * Appends leaf hashes to an RFC 6962 frontier, as merkle.ts appendLeaf does one leaf at a time,
 * with one scratch buffer for the interior nodes instead of new arrays per leaf. Returns a new
 * frontier (the input is left unchanged).
 */
export function appendLeaves(f: Frontier, leaves: readonly Uint8Array[]): Frontier {
  const nodes = f.nodes.slice();
  const pair = Buffer.allocUnsafe(65);
  pair[0] = 1;
  let size = f.size;
  for (const leaf of leaves) {
    let node = leaf;
    // Merge equal-sized subtrees: each trailing 1 bit of the old size is one merge.
    for (let s = size; s & 1; s >>= 1) {
      pair.set(nodes.pop()!, 1);
      pair.set(node, 33);
      node = hash('sha256', pair, 'buffer');
    }
    nodes.push(node);
    size++;
  }
  return { size, nodes };
}
