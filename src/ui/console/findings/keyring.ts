import type { Campaign } from '../../../domain/campaign';

/**
 * The campaign's private key, unlocked in this page: a non-extractable WebCrypto ECDH key, so that
 * not even a script in the page can copy it out. It lives in component state only, never in
 * storage, and is gone when the page is closed or reloaded.
 */
export interface CampaignKey {
  campaignId: string;
  privateKey: CryptoKey;
}

export type UnlockProblem = 'not-a-key-file' | 'wrong-passphrase' | 'other-campaign' | 'key-mismatch' | 'no-campaign-key';

export class UnlockError extends Error {
  constructor(
    readonly problem: UnlockProblem,
    readonly detail = '',
  ) {
    super(problem);
    this.name = 'UnlockError';
  }
}

/** A private P-256 JWK as a key file holds it once opened. */
export interface PrivateP256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
}

/** What opening a passphrase-protected key file yields (the campaign it names, and its key). */
export interface OpenedKeyFile {
  campaignId: string | null;
  privateJwk: PrivateP256Jwk;
}

/** Opens a protected key file; throws UnlockError('wrong-passphrase' | 'not-a-key-file'). */
export type KeyFileOpener = (text: string, passphrase: string) => Promise<OpenedKeyFile>;

export function isPrivateP256Jwk(x: unknown): x is PrivateP256Jwk {
  const j = x as Partial<PrivateP256Jwk> | null;
  return !!j && j.kty === 'EC' && j.crv === 'P-256' && typeof j.x === 'string' && typeof j.y === 'string' && typeof j.d === 'string';
}

/**
 * Unlocks the campaign key from a key file and its passphrase. A bare private JWK (the demo
 * campaign's published training key) needs no passphrase. Whatever the file, the key must be the
 * private half of the campaign's `encryptionKey`; a key for another campaign is refused with that
 * reason rather than failing later on every record.
 */
export async function unlockCampaignKey(text: string, passphrase: string, campaign: Campaign, open: KeyFileOpener): Promise<CampaignKey> {
  const pub = campaign.encryptionKey;
  if (!pub) throw new UnlockError('no-campaign-key');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnlockError('not-a-key-file');
  }
  const opened: OpenedKeyFile = isPrivateP256Jwk(parsed) ? { campaignId: null, privateJwk: parsed } : await open(text, passphrase);
  if (opened.campaignId !== null && opened.campaignId !== campaign.id) throw new UnlockError('other-campaign', opened.campaignId);
  const jwk = opened.privateJwk;
  if (jwk.x !== pub.x || jwk.y !== pub.y) throw new UnlockError('key-mismatch');
  let privateKey: CryptoKey;
  try {
    privateKey = await globalThis.crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d },
      { name: 'ECDH', namedCurve: 'P-256' },
      false,
      ['deriveBits'],
    );
  } catch {
    throw new UnlockError('not-a-key-file');
  }
  return { campaignId: campaign.id, privateKey };
}
