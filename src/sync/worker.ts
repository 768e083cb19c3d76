import type { PingyiDb } from '../store/db';
import { runOutbox, type OutboxResult } from './run';

export { SYNC_TAG } from './names';

/** Thrown so that the browser schedules the Background Sync again (it retries a rejected sync). */
export class SyncAgainLater extends Error {
  constructor(readonly result: OutboxResult) {
    super(`outbox: ${result.status}`);
    this.name = 'SyncAgainLater';
  }
}

/**
 * The service worker's `sync` handler body: `event.waitUntil(backgroundSync(openDb()))` for tag
 * SYNC_TAG. A network or server failure rejects, so the browser tries again later with its own
 * backoff; a refusal resolves (retrying would only repeat it: the coordinator must look at it).
 */
export async function backgroundSync(db: PingyiDb, fetchFn: typeof fetch = fetch.bind(globalThis)): Promise<OutboxResult> {
  const result = await runOutbox(db, { fetchFn });
  if (result.status === 'retry' || result.status === 'waiting') throw new SyncAgainLater(result);
  return result;
}
