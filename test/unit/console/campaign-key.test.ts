// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CampaignSchema } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { openCampaignKeyFile, KeyFileError } from '../../../src/protocol/keyfile';
import { makeCampaignKey } from '../../../src/ui/console/campaign/campaign-key';
import { unlockCampaignKey } from '../../../src/ui/console/findings/keyring';

describe('a campaign key made in the browser', () => {
  it('gives a public key for the definition and a key file that only the passphrase opens, for the console to unlock', async () => {
    const { file, publicJwk } = await makeCampaignKey('labour2027', 'a long enough passphrase');
    // Only public members go into the definition.
    expect(Object.keys(publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const campaign = CampaignSchema.parse({ ...DEMO_CAMPAIGN, id: 'labour2027', encryptionKey: publicJwk });
    expect(file).toMatchObject({ format: 'pingyi-campaign-key', campaignId: 'labour2027', publicJwk });
    expect(JSON.stringify(file)).not.toContain('"d"');
    const text = JSON.stringify(file);
    await expect(openCampaignKeyFile(text, 'the wrong passphrase!')).rejects.toBeInstanceOf(KeyFileError);
    const opened = await openCampaignKeyFile(text, 'a long enough passphrase');
    expect(opened.privateJwk).toMatchObject({ x: publicJwk.x, y: publicJwk.y });
    const key = await unlockCampaignKey(text, 'a long enough passphrase', campaign, openCampaignKeyFile);
    expect(key.campaignId).toBe('labour2027');
    await expect(makeCampaignKey('labour2027', 'too short')).rejects.toThrow(RangeError);
  }, 30_000);
});
