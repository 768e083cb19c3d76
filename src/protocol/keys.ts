import { z } from 'zod';
import { b64u, canon, fromB64u } from './canon';
import { isP256Point } from './p256';

export const SIGNING_ALGS = ['Ed25519', 'ES256'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** Public JWKs only: a private member (`d`) is refused by the strict shapes. */
export const Ed25519PublicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  alg: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
  ext: z.boolean().optional(),
  kid: z.string().optional(),
  use: z.string().optional(),
});
export const P256PublicSigningJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  alg: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
  ext: z.boolean().optional(),
  kid: z.string().optional(),
  use: z.string().optional(),
});
export type PublicJwk = z.infer<typeof Ed25519PublicJwkSchema> | z.infer<typeof P256PublicSigningJwkSchema>;

/** The public JWK of `alg`, or null when it is not one (for ES256: when x, y are not a point of P-256). */
export function parsePublicJwk(alg: SigningAlg, jwk: unknown): PublicJwk | null {
  const r = (alg === 'Ed25519' ? Ed25519PublicJwkSchema : P256PublicSigningJwkSchema).safeParse(jwk);
  // A P-256 key must be a point of the curve: no crypto library would import it otherwise.
  return r.success && (r.data.kty === 'OKP' || isP256Point(r.data)) ? r.data : null;
}

/** Only the members RFC 7638 hashes, which is also the JWK form the protocol sends. */
export function minimalJwk(jwk: PublicJwk): PublicJwk {
  return jwk.kty === 'OKP' ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** RFC 7638 JWK thumbprint (SHA-256, b64u): the `keyId`. */
export async function jwkThumbprint(jwk: PublicJwk): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', canon(minimalJwk(jwk)) as BufferSource);
  return b64u(new Uint8Array(digest));
}

/** WebCrypto algorithm parameters for import and for sign/verify. */
export function importParams(alg: SigningAlg): EcKeyImportParams | Algorithm {
  return alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
}
export function signParams(alg: SigningAlg): EcdsaParams | Algorithm {
  return alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/** Imports a public JWK for verification. */
export function importPublicKey(alg: SigningAlg, jwk: PublicJwk): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('jwk', minimalJwk(jwk) as JsonWebKey, importParams(alg), true, ['verify']);
}

/** Verifies a b64u signature over canon(payload); false on any malformed input. */
export async function verifyCanon(alg: SigningAlg, key: CryptoKey, sigB64u: string, payload: unknown): Promise<boolean> {
  try {
    const sig = fromB64u(sigB64u);
    if (sig.length !== 64) return false;
    return await globalThis.crypto.subtle.verify(signParams(alg), key, sig as BufferSource, canon(payload) as BufferSource);
  } catch {
    return false;
  }
}

/** Signs canon(payload) and returns the b64u signature (raw r‖s for ES256, as WebCrypto produces). */
export async function signCanon(alg: SigningAlg, key: CryptoKey, payload: unknown): Promise<string> {
  const sig = await globalThis.crypto.subtle.sign(signParams(alg), key, canon(payload) as BufferSource);
  return b64u(new Uint8Array(sig));
}
