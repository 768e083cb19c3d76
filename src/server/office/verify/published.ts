import { importPublicKey, jwkThumbprint, parsePublicJwk, verifyCanon } from '../../../protocol/keys';
import type { CheckResult } from './state';

/**
 * `npm run verify -- published <published.json> --key <server-key.json>`: checks a tally as the 公示
 * page serves it (`GET /api/v1/public/campaigns/<id>` → `{ tally, serverSig }`) against the server
 * key (`GET /api/v1/server-key` → `{ alg, jwk, keyId }`): the key is the one its keyId names (RFC 7638),
 * and the signature is the server's over canon(tally). `expectedKeyId` is the fingerprint the reader
 * holds from elsewhere (the printed 通报), when given.
 */
export async function verifyPublished(published: unknown, key: unknown, expectedKeyId?: string): Promise<CheckResult[]> {
  const k = (key ?? {}) as { alg?: unknown; jwk?: unknown; keyId?: unknown };
  const keyProblems: string[] = [];
  const jwk = k.alg === 'Ed25519' ? parsePublicJwk('Ed25519', k.jwk) : null;
  if (!jwk) keyProblems.push('the key file is not an Ed25519 server key ({ alg, jwk, keyId })');
  const thumb = jwk ? await jwkThumbprint(jwk) : null;
  if (jwk && thumb !== k.keyId) keyProblems.push(`the key's fingerprint is ${thumb}, not the keyId ${String(k.keyId)} the file names`);
  if (thumb && expectedKeyId && thumb !== expectedKeyId) keyProblems.push(`the key's fingerprint is ${thumb}, not the expected ${expectedKeyId}`);

  const p = (published ?? {}) as { tally?: unknown; serverSig?: unknown };
  const sigProblems: string[] = [];
  const tally = p.tally as { campaignId?: unknown; logSize?: unknown; logRoot?: unknown; units?: unknown } | undefined;
  if (!tally || typeof tally !== 'object' || typeof p.serverSig !== 'string') sigProblems.push('the file is not a published tally ({ tally, serverSig })');
  else if (!jwk) sigProblems.push('no key to check the signature with');
  else if (!(await verifyCanon('Ed25519', await importPublicKey('Ed25519', jwk), p.serverSig, tally)))
    sigProblems.push('the signature does not verify: the published tally was changed, or another key signed it');
  const units = Array.isArray(tally?.units) ? tally.units.length : 0;
  return [
    { name: 'server key', ok: keyProblems.length === 0, detail: thumb ? `fingerprint ${thumb}` : 'not read', problems: keyProblems },
    {
      name: 'published tally',
      ok: sigProblems.length === 0,
      detail: `campaign ${String(tally?.campaignId)}, ${units} units, over ${String(tally?.logSize)} log entries (root ${String(tally?.logRoot).slice(0, 16)}…)`,
      problems: sigProblems,
    },
  ];
}
