import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { b64u, fromB64u } from '../../protocol/canon';

/** scrypt cost: N = 2^15, r = 8 (32 MiB, ~50 ms): slow for a guesser, quick enough for a sign-in. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Uint8Array, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`: the parameters are stored with the hash so that they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, b64u(salt), b64u(key)].join('$');
}

/** Whether `password` matches the stored hash (constant-time compare; false for a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const o = { N: Number(n), r: Number(r), p: Number(p) };
  if (![o.N, o.r, o.p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = fromB64u(hash);
  const key = await derive(password, fromB64u(salt), o);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A stored hash that no password matches: sign-ins of unknown users take as long as real ones. */
export const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
