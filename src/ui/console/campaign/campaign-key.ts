import type { P256PublicJwk } from '../../../domain/campaign';
import { newCampaignKeyPair, protectCampaignKey, type CampaignKeyFile } from '../../../protocol/keyfile';

/** A passphrase protects the campaign's private key: long enough to resist guessing offline. */
export const MIN_PASSPHRASE = 12;

/**
 * Makes the campaign's HPKE key pair in the browser (WebCrypto) and the key file that keeps its
 * private half under the passphrase (src/protocol/keyfile.ts, the format `npm run admin --
 * campaign-key` writes and the console opens). Only the public key leaves this function for the
 * definition; the private key exists only inside the returned file, encrypted.
 */
export async function makeCampaignKey(campaignId: string, passphrase: string, now = new Date()): Promise<{ file: CampaignKeyFile; publicJwk: P256PublicJwk }> {
  if (passphrase.length < MIN_PASSPHRASE) throw new RangeError('the passphrase is too short');
  const { privateJwk, publicJwk } = await newCampaignKeyPair();
  const file = await protectCampaignKey(privateJwk, passphrase, { campaignId, createdAt: now.toISOString() });
  return { file, publicJwk };
}

/** A short fingerprint of a public key to compare by eye (the first 8 characters of x and y). */
export const keyPrint = (k: P256PublicJwk) => `${k.x.slice(0, 8)}…${k.y.slice(0, 8)}`;
