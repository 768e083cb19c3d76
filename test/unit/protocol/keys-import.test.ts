// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { importPublicKey, jwkThumbprint, type PublicJwk } from '../../../src/protocol/keys';

// A device's public key as the server imports it for verification: a verify-only key whose JWK can
// be exported again (the thumbprint and the enrollment answer are computed from it).

describe('imported public keys', () => {
  it('imports an Ed25519 and a P-256 public JWK as exportable verify-only public keys', async () => {
    for (const alg of ['Ed25519', 'ES256'] as const) {
      const params = alg === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
      const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
      const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk;
      const key = await importPublicKey(alg, jwk);
      expect(key.type).toBe('public');
      expect(key.usages).toEqual(['verify']);
      expect(key.extractable).toBe(true);
      const again = (await crypto.subtle.exportKey('jwk', key)) as PublicJwk;
      expect(await jwkThumbprint(again)).toBe(await jwkThumbprint(jwk));
    }
  });
});
