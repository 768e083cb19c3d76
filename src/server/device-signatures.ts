import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { b64u, canon, fromB64u } from '../protocol/canon';
import { minimalJwk, type PublicJwk, type SigningAlg } from '../protocol/keys';

/** Verifies a device's b64u signature over canon(payload); false on any malformed input. */
export type DeviceSignatureCheck = (alg: SigningAlg, jwk: PublicJwk, sigB64u: string, payload: unknown) => boolean;

/**
 * protocol/keys' verifyCanon for the server's hot path, with Node's synchronous crypto (the same
 * OpenSSL verification WebCrypto runs, without its promise round trip) and each device key
 * imported once: a batch costs one verification, not a key import and an asynchronous job.
 * Signatures are raw r‖s for ES256 (as WebCrypto makes them) and 64 bytes for both algorithms.
 */
export function deviceSignatureChecker(): DeviceSignatureCheck {
  const keys = new Map<string, KeyObject>();
  const keyOf = (alg: SigningAlg, jwk: PublicJwk): KeyObject => {
    const minimal = minimalJwk(jwk);
    const id = alg + JSON.stringify(minimal);
    let key = keys.get(id);
    if (key === undefined) {
      key = createPublicKey({ key: minimal as import('node:crypto').JsonWebKey, format: 'jwk' });
      if (keys.size >= 4096) keys.clear();
      keys.set(id, key);
    }
    return key;
  };
  return (alg, jwk, sigB64u, payload) => {
    try {
      const sig = fromB64u(sigB64u);
      if (sig.length !== 64) return false;
      const key = keyOf(alg, jwk);
      if (alg === 'Ed25519') return key.asymmetricKeyType === 'ed25519' && verify(null, canon(payload), key, sig);
      return key.asymmetricKeyType === 'ec' && verify('sha256', canon(payload), { key, dsaEncoding: 'ieee-p1363' }, sig);
    } catch {
      return false;
    }
  };
}

/** The order n of P-256, and n / 2: an ECDSA signature (r, s) verifies exactly when (r, n − s) does. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_N = P256_N >> 1n;

/**
 * The low-S form of a raw r‖s ES256 signature (s ≤ n/2; a high s is replaced by n − s), which
 * verifies exactly when the original does. WebCrypto signs with either s, so the server accepts
 * both and stores only this form: one batch has one stored signature. Other input is returned as is.
 */
export function lowS(sigB64u: string): string {
  const sig = fromB64u(sigB64u);
  if (sig.length !== 64) return sigB64u;
  const s = BigInt('0x' + Buffer.from(sig.subarray(32)).toString('hex'));
  if (s <= P256_HALF_N) return sigB64u;
  const low = Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex');
  return b64u(new Uint8Array([...sig.subarray(0, 32), ...low]));
}
