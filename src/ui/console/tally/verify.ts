import { jwkThumbprint, importPublicKey, parsePublicJwk, verifyCanon } from '../../../protocol/keys';
import type { ServerKey, SignedTally } from '../api-types';

export type TallySignature = 'ok' | 'bad' | 'key-mismatch';

/**
 * Checks the server's signature over canon(tally) in the browser, with the key from
 * /api/v1/server-key: first that the key is what its keyId (RFC 7638 thumbprint) says, then the
 * signature itself. A tally whose signature fails must not be used.
 */
export async function verifyTallySignature(signed: SignedTally, key: ServerKey): Promise<TallySignature> {
  const jwk = parsePublicJwk(key.alg, key.jwk);
  if (!jwk || (await jwkThumbprint(jwk)) !== key.keyId) return 'key-mismatch';
  const cryptoKey = await importPublicKey(key.alg, jwk);
  return (await verifyCanon(key.alg, cryptoKey, signed.serverSig, signed.tally)) ? 'ok' : 'bad';
}
