import { b64u, canon, fromB64u } from './canon';

/**
 * The campaign's private key (P-256, for HPKE) in a file protected by a passphrase: PBKDF2-SHA256
 * derives an AES-256-GCM key that encrypts the private JWK. WebCrypto only, so the admin CLI writes
 * it in Node and the office console opens it in the browser with the same code. The header fields
 * (campaign, public key, parameters) are bound to the ciphertext as GCM additional data.
 */
export const KEY_FILE_FORMAT = 'pingyi-campaign-key';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; files below MIN_ITERATIONS are refused. */
export const DEFAULT_ITERATIONS = 600_000;
export const MIN_ITERATIONS = 310_000;
/** A file may not make the browser spin for minutes. */
const MAX_ITERATIONS = 10_000_000;

export interface P256PrivateJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

export interface CampaignKeyFile {
  format: typeof KEY_FILE_FORMAT;
  v: 1;
  campaignId: string | null;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-256-GCM'; iv: string };
  /** b64u AES-256-GCM ciphertext (with tag) of the UTF-8 JSON private JWK. */
  ciphertext: string;
  createdAt: string;
}

export type KeyFileProblem = 'not-a-key-file' | 'wrong-passphrase';

export class KeyFileError extends Error {
  constructor(readonly problem: KeyFileProblem) {
    super(problem === 'wrong-passphrase' ? 'the passphrase is wrong, or the file was altered' : 'this is not a campaign key file');
    this.name = 'KeyFileError';
  }
}

const subtle = () => globalThis.crypto.subtle;

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  // Stryker disable next-line BooleanLiteral: the derived AES key never leaves this module (used once to encrypt or decrypt), so whether it could be exported changes no result.
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** Everything but the ciphertext: authenticated, so no field can be swapped without detection. */
function additionalData(f: Omit<CampaignKeyFile, 'ciphertext'>): Uint8Array {
  return canon({ format: f.format, v: f.v, campaignId: f.campaignId, publicJwk: f.publicJwk, kdf: f.kdf, cipher: f.cipher, createdAt: f.createdAt });
}

/** Encrypts a private P-256 JWK under a passphrase. */
export async function protectCampaignKey(
  jwk: P256PrivateJwk,
  passphrase: string,
  opts: { campaignId?: string | null; iterations?: number; createdAt: string },
): Promise<CampaignKeyFile> {
  if (passphrase.length === 0) throw new RangeError('the passphrase is empty');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const head: Omit<CampaignKeyFile, 'ciphertext'> = {
    format: KEY_FILE_FORMAT,
    v: 1,
    campaignId: opts.campaignId ?? null,
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: opts.iterations ?? DEFAULT_ITERATIONS, salt: b64u(salt) },
    cipher: { name: 'AES-256-GCM', iv: b64u(iv) },
    createdAt: opts.createdAt,
  };
  const key = await deriveKey(passphrase, salt, head.kdf.iterations);
  const plain = new TextEncoder().encode(JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }));
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData(head) as BufferSource },
    key,
    plain as BufferSource,
  );
  return { ...head, ciphertext: b64u(new Uint8Array(ct)) };
}

function parseKeyFile(input: string | unknown): CampaignKeyFile {
  let f: Partial<CampaignKeyFile>;
  try {
    f = (typeof input === 'string' ? JSON.parse(input) : input) as Partial<CampaignKeyFile>;
  } catch {
    throw new KeyFileError('not-a-key-file');
  }
  const ok =
    !!f &&
    f.format === KEY_FILE_FORMAT &&
    f.v === 1 &&
    (f.campaignId === null || typeof f.campaignId === 'string') &&
    f.publicJwk?.kty === 'EC' &&
    typeof f.publicJwk.x === 'string' &&
    typeof f.publicJwk.y === 'string' &&
    f.kdf?.name === 'PBKDF2' &&
    f.kdf.hash === 'SHA-256' &&
    Number.isInteger(f.kdf.iterations) &&
    f.kdf.iterations >= MIN_ITERATIONS &&
    f.kdf.iterations <= MAX_ITERATIONS &&
    typeof f.kdf.salt === 'string' &&
    f.cipher?.name === 'AES-256-GCM' &&
    typeof f.cipher.iv === 'string' &&
    typeof f.ciphertext === 'string' &&
    typeof f.createdAt === 'string';
  if (!ok) throw new KeyFileError('not-a-key-file');
  return f as CampaignKeyFile;
}

/** Opens a key file (text or parsed) with its passphrase; throws KeyFileError. */
export async function openCampaignKeyFile(input: string | unknown, passphrase: string): Promise<{ campaignId: string | null; privateJwk: P256PrivateJwk }> {
  const f = parseKeyFile(input);
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, fromB64u(f.kdf.salt), f.kdf.iterations);
    plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromB64u(f.cipher.iv) as BufferSource, additionalData: additionalData(f) as BufferSource },
      key,
      fromB64u(f.ciphertext) as BufferSource,
    );
  } catch {
    throw new KeyFileError('wrong-passphrase');
  }
  const jwk = JSON.parse(new TextDecoder().decode(plain)) as P256PrivateJwk;
  if (jwk.x !== f.publicJwk.x || jwk.y !== f.publicJwk.y) throw new KeyFileError('not-a-key-file');
  return { campaignId: f.campaignId, privateJwk: jwk };
}

/** A new P-256 key pair for a campaign's encryptionKey: the private JWK and the public one. */
export async function newCampaignKeyPair(): Promise<{ privateJwk: P256PrivateJwk; publicJwk: CampaignKeyFile['publicJwk'] }> {
  const pair = (await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const j = (await subtle().exportKey('jwk', pair.privateKey)) as JsonWebKey;
  const privateJwk: P256PrivateJwk = { kty: 'EC', crv: 'P-256', x: j.x!, y: j.y!, d: j.d! };
  return { privateJwk, publicJwk: { kty: 'EC', crv: 'P-256', x: j.x!, y: j.y! } };
}
