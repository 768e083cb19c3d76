// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyFileError, MIN_ITERATIONS, newCampaignKeyPair, openCampaignKeyFile, protectCampaignKey, type CampaignKeyFile } from '../../../src/protocol/keyfile';

// The bounds of a campaign key file's PBKDF2 iterations (at least MIN_ITERATIONS, at most ten
// million so that a file cannot make the browser spin for minutes) and a file made for no campaign.

const PASS = 'correct horse battery staple';
const CREATED = '2026-11-02T08:00:00.000Z';

async function problemOf(input: unknown): Promise<string> {
  try {
    await openCampaignKeyFile(input, PASS);
  } catch (e) {
    if (!(e instanceof KeyFileError)) throw e;
    return e.problem;
  }
  return 'opened';
}

describe('campaign key file iterations and campaign', () => {
  let file: CampaignKeyFile;
  let pair: Awaited<ReturnType<typeof newCampaignKeyPair>>;
  beforeAll(async () => {
    pair = await newCampaignKeyPair();
    file = await protectCampaignKey(pair.privateJwk, PASS, { iterations: MIN_ITERATIONS, createdAt: CREATED });
  });

  it('takes ten million iterations as a key file and refuses one more', async () => {
    // A salt that is not base64url fails at the key derivation: the file passed the shape check
    // and gets "wrong passphrase" without ten million rounds being spent.
    const at = (iterations: number) => ({ ...file, kdf: { ...file.kdf, iterations, salt: '!' } });
    expect(await problemOf(at(10_000_000))).toBe('wrong-passphrase');
    expect(await problemOf(at(10_000_001))).toBe('not-a-key-file');
    expect(await problemOf(at(MIN_ITERATIONS))).toBe('wrong-passphrase');
    expect(await problemOf(at(MIN_ITERATIONS - 1))).toBe('not-a-key-file');
  });

  it('writes a file for no campaign with campaignId null, and opens it to campaignId null', async () => {
    expect(file.campaignId).toBeNull();
    expect(await openCampaignKeyFile(JSON.stringify(file), PASS)).toEqual({ campaignId: null, privateJwk: pair.privateJwk });
  });
});

describe('campaign key pairs and files made and opened in one go', () => {
  it('makes a P-256 (EC) pair and a file that opens to that same EC P-256 private key', async () => {
    const made = await newCampaignKeyPair();
    expect(made.privateJwk.kty).toBe('EC');
    expect(made.privateJwk.crv).toBe('P-256');
    expect(made.publicJwk).toStrictEqual({ kty: 'EC', crv: 'P-256', x: made.privateJwk.x, y: made.privateJwk.y });
    const f = await protectCampaignKey(made.privateJwk, PASS, { campaignId: 'c1', iterations: MIN_ITERATIONS, createdAt: CREATED });
    const opened = await openCampaignKeyFile(f, PASS);
    expect(opened.privateJwk).toStrictEqual({ kty: 'EC', crv: 'P-256', x: made.privateJwk.x, y: made.privateJwk.y, d: made.privateJwk.d });
    // The key opens for HPKE: WebCrypto takes it as an ECDH P-256 private key.
    const key = await crypto.subtle.importKey('jwk', opened.privateJwk as JsonWebKey, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    expect(key.type).toBe('private');
  });
});
