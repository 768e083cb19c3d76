import { hash } from 'node:crypto';
import type { Sha256 } from '../protocol/merkle';

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
