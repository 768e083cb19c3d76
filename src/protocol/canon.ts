import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';

/** 64 zeros: the `prev` of seq 1 and the `prevHash` of a batch starting at seq 1. */
export const ZERO = '0'.repeat(64);
export const PROTOCOL = 'pingyi/1';

const encoder = new TextEncoder();

/** canon(x): the UTF-8 bytes of the RFC 8785 (JCS) canonical form of x. */
export function canon(x: unknown): Uint8Array {
  const s = canonicalize(x);
  if (s === undefined) throw new TypeError('value has no canonical JSON form');
  return encoder.encode(s);
}

/** The canonical JSON text (RFC 8785) of x. */
export function canonString(x: unknown): string {
  const s = canonicalize(x);
  if (s === undefined) throw new TypeError('value has no canonical JSON form');
  return s;
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/** Lowercase hex SHA-256 of bytes (WebCrypto: the same code runs on the tablet and on Node). */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return toHex(new Uint8Array(digest));
}

/** H(x): lowercase hex SHA-256 of canon(x). */
export function H(x: unknown): Promise<string> {
  return sha256Hex(canon(x));
}

/**
 * H(x) computed synchronously (pure-JS SHA-256). Sealing uses it so that reading the chain head,
 * hashing and writing the record happen in one IndexedDB transaction, which would auto-commit
 * across an awaited WebCrypto call.
 */
export function hSync(x: unknown): string {
  return toHex(sha256(canon(x)));
}

/** base64url without padding (RFC 4648 §5). */
export function b64u(bytes: Uint8Array | ArrayBuffer): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let bin = '';
  for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; throws on characters outside the alphabet. */
export function fromB64u(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new TypeError('not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
