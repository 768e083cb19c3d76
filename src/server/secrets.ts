import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { b64u, canon } from '../protocol/canon';
import { jwkThumbprint, type PublicJwk } from '../protocol/keys';

/** The server's Ed25519 receipt key: signs receipts, checkpoints and tallies. */
export interface ServerSigner {
  readonly alg: 'Ed25519';
  readonly jwk: PublicJwk;
  readonly keyId: string;
  /** b64u Ed25519 signature of canon(payload). */
  sign(payload: unknown): string;
}

export const SERVER_KEY_FILE = 'server-key.jwk';
export const ADMIN_TOKEN_FILE = 'admin-token';

/** Reads a file, or undefined when it does not exist. */
function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Writes a secret readable by the owner only; `wx` fails rather than overwrite one made meanwhile. */
function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

export function signerFromKey(privateKey: KeyObject): Promise<ServerSigner> {
  const pub = createPublicKey(privateKey).export({ format: 'jwk' });
  const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(pub.x) };
  return jwkThumbprint(jwk).then((keyId) => ({
    alg: 'Ed25519' as const,
    jwk,
    keyId,
    sign: (payload: unknown) => b64u(sign(null, canon(payload), privateKey)),
  }));
}

/** Loads the receipt key from the data dir, generating it (mode 0600) at first start. */
export async function loadServerSigner(dataDir: string): Promise<{ signer: ServerSigner; created: boolean }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SERVER_KEY_FILE);
  const text = readIfExists(path);
  if (text !== undefined) {
    return { signer: await signerFromKey(createPrivateKey({ key: JSON.parse(text), format: 'jwk' })), created: false };
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  writeSecret(path, JSON.stringify(privateKey.export({ format: 'jwk' })) + '\n');
  return { signer: await signerFromKey(privateKey), created: true };
}

/**
 * The admin token: PINGYI_ADMIN_TOKEN when set, else the one kept in the data dir, made at first
 * start. `created` tells the caller to print it (once: it is never printed again).
 */
export function loadAdminToken(dataDir: string, fromEnv: string | null): { token: string; created: boolean } {
  if (fromEnv) return { token: fromEnv, created: false };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  const text = readIfExists(path)?.trim();
  if (text && text.length < 32) throw new Error(`${path} holds an admin token shorter than 32 characters; delete the file to have a new one made.`);
  if (text) return { token: text, created: false };
  const token = b64u(randomBytes(32));
  writeSecret(path, token + '\n');
  return { token, created: true };
}
