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
