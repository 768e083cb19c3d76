import type { Campaign } from '../domain/campaign';
import type { Sealed } from '../domain/records';
import { encryptSecret } from '../platform/hpke';

/**
 * The `encrypt` of a SealContext (src/store/seal.ts) for a campaign: confidential fields go to the
 * campaign's encryptionKey with HPKE. Undefined when the campaign takes no confidential fields, so
 * that sealing a record with a secret then fails with a clear problem instead of sending plaintext.
 */
export function sealEncrypter(campaign: Campaign): ((recordId: string, secret: Record<string, unknown>) => Promise<Sealed>) | undefined {
  const key = campaign.encryptionKey;
  if (!key) return undefined;
  return (recordId, secret) => encryptSecret(key, recordId, secret);
}
