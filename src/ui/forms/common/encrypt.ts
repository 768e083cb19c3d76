import type { Campaign } from '../../../domain/campaign';
import type { Sealed } from '../../../domain/records';
import type { EncryptBlob } from '../../../store/photos';

/** What sealing needs to encrypt: confidential fields, and photos of covert visits. */
export interface Sealing {
  encrypt: (recordId: string, secret: Record<string, unknown>) => Promise<Sealed>;
  encryptBlob: EncryptBlob;
}

/**
 * HPKE to the campaign's public key (src/platform/hpke.ts). Loaded on first use so that @hpke/core
 * is fetched only when something confidential is sealed. Undefined when the campaign takes no
 * confidential fields (encryptionKey null).
 */
export function sealingFor(campaign: Campaign): Sealing | undefined {
  const key = campaign.encryptionKey;
  if (!key) return undefined;
  const hpke = () => import('../../../platform/hpke');
  return {
    encrypt: async (recordId, secret) => (await hpke()).encryptSecret(key, recordId, secret),
    encryptBlob: async (recordId, bytes) => (await hpke()).encryptBlob(key, recordId, bytes),
  };
}
