import type { PingyiDb } from './db';

/** The kv row that holds the device's private signing key (a non-extractable CryptoKey, made by platform/keys.ts). */
export const DEVICE_KEY = 'deviceKey';

/** The stored private key, or null when the tablet has not enrolled. */
export async function loadDeviceKey(db: PingyiDb): Promise<CryptoKey | null> {
  const row = await db.kv.get(DEVICE_KEY);
  const key = row?.value as CryptoKey | undefined;
  return key && typeof key === 'object' && (key as CryptoKey).type === 'private' ? key : null;
}
