// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { isP256Point } from '../../../src/protocol/p256';

const b64u = (n: bigint): string => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').toString('base64url');
const big = (s: string): bigint => BigInt('0x' + Buffer.from(s, 'base64url').toString('hex'));
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const pow = (b: bigint, e: bigint): bigint => {
  let r = 1n;
  for (b %= P; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
};

describe('P-256 points (a public key must be one)', () => {
  it('takes the keys WebCrypto makes, for signing and for HPKE, and the demo campaign’s', async () => {
    for (let i = 0; i < 20; i++) {
      const params = i % 2 ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'ECDH', namedCurve: 'P-256' };
      const pair = (await crypto.subtle.generateKey(params, true, i % 2 ? ['sign', 'verify'] : ['deriveBits'])) as CryptoKeyPair;
      const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
      expect(isP256Point(jwk)).toBe(true);
    }
    expect(isP256Point(DEMO_CAMPAIGN.encryptionKey!)).toBe(true);
  });

  it('refuses coordinates off the curve, out of the field or of the wrong form', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
    const { x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as { x: string; y: string };
    expect(isP256Point({ x, y: b64u((big(y) + 1n) % P) })).toBe(false);
    // −y is the other point with this x.
    expect(isP256Point({ x, y: b64u(P - big(y)) })).toBe(true);
    // x = 0 is on the curve (b is a square: p ≡ 3 mod 4, so its root is b^((p+1)/4)); x = p is the same
    // number out of the field, which no encoding of a point holds.
    const root = pow(B, (P + 1n) / 4n);
    expect(isP256Point({ x: b64u(0n), y: b64u(root) })).toBe(true);
    expect(isP256Point({ x: b64u(P), y: b64u(root) })).toBe(false);
    expect(isP256Point({ x: b64u(0n), y: b64u(0n) })).toBe(false);
    expect(isP256Point({ x, y: `${y}=` })).toBe(false);
    expect(isP256Point({ x, y: y.slice(1) })).toBe(false);
    expect(isP256Point({ x, y: 7 })).toBe(false);
    expect(isP256Point({ x })).toBe(false);
  });
});
