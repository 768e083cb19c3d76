import type { RemovedBlob, Store } from './store/types';
import { sweepPartialUploads } from './blob-uploads';

/** How long a blob may wait for the batch that names it. */
export const UNNAMED_BLOB_DAYS = 7;
const DAY = 86_400_000;

/**
 * Removes the blobs that no stored record names, 7 days after their upload (a tablet uploads a
 * batch's photos before the batch; a week covers any field trip without a network). Each removal
 * is logged in one line. Returns what was removed.
 */
export async function sweepUnnamedBlobs(store: Store, now: () => number, log: (line: string) => void): Promise<RemovedBlob[]> {
  const before = new Date(now() - UNNAMED_BLOB_DAYS * DAY).toISOString();
  const removed = await store.removeUnnamedBlobs(before);
  for (const b of removed) {
    log(`removed blob ${b.sha256} (${b.bytes} bytes) of device ${b.deviceId}, received ${b.receivedAt}: no record named it within ${UNNAMED_BLOB_DAYS} days`);
  }
  return removed;
}

/**
 * Runs the sweep (unnamed blobs, then unfinished uploads: blob-uploads.ts) at once and then every `everyMs` (an hour) until stopped; a failed run is logged
 * and the next one tries again. `stop` waits for a run under way.
 */
export function startBlobSweeper(store: Store, now: () => number, log: { info: (line: string) => void; warn: (line: string) => void }, everyMs = 3_600_000) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = sweepUnnamedBlobs(store, now, log.info)
      .then(() => sweepPartialUploads(store, now, log.info))
      .catch((e: unknown) => log.warn(`blob sweep failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
