/** How much the browser lets the app keep, and whether it may evict it (navigator.storage). */
export interface StorageEstimateResult {
  usage: number;
  quota: number;
}

/** The subset of StorageManager the app uses; tests pass a fake. */
export type StorageApi = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>;

/** The browser's storage manager, or undefined where it has none (older browsers, plain http). */
export function browserStorage(): StorageApi | undefined {
  const s = (globalThis.navigator as Navigator | undefined)?.storage;
  return s && typeof s.estimate === 'function' ? s : undefined;
}

/** Bytes used and bytes available to the app; undefined when the browser cannot tell. */
export async function storageEstimate(api = browserStorage()): Promise<StorageEstimateResult | undefined> {
  if (!api) return undefined;
  try {
    const e = await api.estimate();
    if (typeof e.usage !== 'number' || typeof e.quota !== 'number') return undefined;
    return { usage: e.usage, quota: e.quota };
  } catch {
    return undefined;
  }
}

/** Whether the data is protected from eviction under storage pressure; undefined when unknown. */
export async function isPersisted(api = browserStorage()): Promise<boolean | undefined> {
  if (!api || typeof api.persisted !== 'function') return undefined;
  try {
    return await api.persisted();
  } catch {
    return undefined;
  }
}

/**
 * Asks the browser to keep the data even when the device runs low on space. Chromium decides
 * without asking the user (it grants installed apps), Firefox asks; undefined when unsupported.
 */
export async function requestPersist(api = browserStorage()): Promise<boolean | undefined> {
  if (!api || typeof api.persist !== 'function') return undefined;
  try {
    return await api.persist();
  } catch {
    return undefined;
  }
}
