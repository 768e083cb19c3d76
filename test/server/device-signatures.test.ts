import { describe, expect, it } from 'vitest';
import { b64u, fromB64u } from '../../src/protocol/canon';
import { importPublicKey, minimalJwk, parsePublicJwk, signCanon, verifyCanon, type PublicJwk, type SigningAlg } from '../../src/protocol/keys';
import { deviceSignatureChecker } from '../../src/server/device-signatures';
import { newKeys } from './device';

async function device(alg: SigningAlg): Promise<{ privateKey: CryptoKey; jwk: PublicJwk }> {
  const keys = await newKeys(alg);
  return { privateKey: keys.privateKey, jwk: minimalJwk(parsePublicJwk(alg, await crypto.subtle.exportKey('jwk', keys.publicKey))!) };
}

describe('deviceSignatureChecker (the ingest path of verifyCanon)', () => {
  it.each(['Ed25519', 'ES256'] as const)('decides as verifyCanon does (%s)', async (alg) => {
    const check = deviceSignatureChecker();
    const mine = await device(alg);
    const other = await device(alg);
    const payload = { protocol: 'pingyi/1', deviceId: 'd', fromSeq: 1, note: '评议 😀' };
    const sig = await signCanon(alg, mine.privateKey, payload);
    const raw = fromB64u(sig);
    const flipped = b64u(raw.map((b, i) => (i === 10 ? b ^ 1 : b)));
    const cases: [string, PublicJwk, string, unknown][] = [
      ['valid', mine.jwk, sig, payload],
      ['valid again (key remembered)', mine.jwk, sig, payload],
      ['other payload', mine.jwk, sig, { ...payload, fromSeq: 2 }],
      ['other key', other.jwk, sig, payload],
      ['one bit flipped', mine.jwk, flipped, payload],
      ['short', mine.jwk, sig.slice(0, -2), payload],
      ['long', mine.jwk, sig + 'AA', payload],
      ['not base64url', mine.jwk, sig.slice(0, -1) + '=', payload],
      ['empty', mine.jwk, '', payload],
    ];
    for (const [what, jwk, s, p] of cases) {
      const expected = await verifyCanon(alg, await importPublicKey(alg, jwk), s, p);
      expect([what, check(alg, jwk, s, p)]).toEqual([what, expected]);
    }
    expect(check(alg, mine.jwk, sig, payload)).toBe(true);
    // A key of the other algorithm never verifies.
    const wrongAlg = alg === 'Ed25519' ? 'ES256' : 'Ed25519';
    expect(check(wrongAlg, mine.jwk, sig, payload)).toBe(false);
  });
});
