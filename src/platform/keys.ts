import type { PublicJwk, SigningAlg } from '../protocol/keys';

/** A freshly made device key pair: the private half never leaves the tablet. */
export interface DeviceKeyPair {
  alg: SigningAlg;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

type Subtle = Pick<SubtleCrypto, 'generateKey' | 'exportKey'>;

/**
 * Makes the device's signing key pair: Ed25519 where the browser has it, else ES256 (P-256).
 * Feature detection is generateKey itself: older Safari and Chrome throw NotSupportedError for
 * Ed25519, and there is no other reliable probe. The private key is non-extractable, so even a
 * script running in the page cannot copy it off the tablet; it can only use it.
 */
export async function generateDeviceKey(subtle: Subtle = globalThis.crypto.subtle, prefer: SigningAlg = 'Ed25519'): Promise<DeviceKeyPair> {
  if (prefer === 'Ed25519') {
    try {
      const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      return { alg: 'Ed25519', privateKey: pair.privateKey, publicJwk: await publicJwkOf(subtle, pair.publicKey) };
    } catch {
      // No Ed25519 in this browser: fall through to ES256.
    }
  }
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return { alg: 'ES256', privateKey: pair.privateKey, publicJwk: await publicJwkOf(subtle, pair.publicKey) };
}

/** The public members only, as the protocol sends them (public keys stay exportable). */
async function publicJwkOf(subtle: Subtle, publicKey: CryptoKey): Promise<PublicJwk> {
  const jwk = await subtle.exportKey('jwk', publicKey);
  if (jwk.kty === 'OKP') return { kty: 'OKP', crv: 'Ed25519', x: jwk.x! };
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}
