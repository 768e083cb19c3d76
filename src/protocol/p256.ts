import { fromB64u } from './canon';

/** The field prime p and the curve's b of P-256 (SEC 2: y² = x³ − 3x + b over GF(p)). */
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

const bigOf = (bytes: Uint8Array): bigint => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);

/** The 32 bytes of a b64u coordinate, or null when it is not one (43 b64u characters, no padding). */
function coordinate(s: unknown): bigint | null {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(s)) return null;
  const n = bigOf(fromB64u(s));
  return n < P ? n : null;
}

/**
 * Whether a JWK's x and y are a point of P-256. WebCrypto and OpenSSL refuse to import any other
 * "key", so a device (or an office) that sent one would be refused only later, with a failure that
 * is nobody's clear answer; checked here, it is refused where it is given.
 */
export function isP256Point(jwk: { x?: unknown; y?: unknown }): boolean {
  const x = coordinate(jwk.x);
  const y = coordinate(jwk.y);
  if (x === null || y === null) return false;
  const rhs = (((((x * x) % P) * x) % P) - 3n * x + B) % P;
  return (y * y - rhs) % P === 0n;
}
