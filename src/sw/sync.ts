import { SYNC_REQUESTED, type WorkerMessage } from '../pwa/protocol';
import { openDb } from '../store/db';
import { backgroundSync, SYNC_TAG } from '../sync/worker';

/** Background Sync's event (Chromium); not in TypeScript's WebWorker library. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Background Sync: when the browser regains connectivity after the page asked for a sync. If the
 * app is open, its pages run the outbox themselves (they show progress, and one of them holds the
 * outbox lock); with no page open, the worker runs the outbox. A rejected run makes the browser
 * try again later.
 */
export function onBackgroundSync(self: ServiceWorkerGlobalScope): void {
  self.addEventListener('sync', (e) => {
    const event = e as SyncEvent;
    if (event.tag !== SYNC_TAG) return;
    event.waitUntil(
      (async () => {
        const pages = await self.clients.matchAll({ type: 'window' });
        if (pages.length > 0) {
          const message: WorkerMessage = { type: SYNC_REQUESTED };
          pages.forEach((p) => p.postMessage(message));
          return;
        }
        const db = openDb();
        try {
          await backgroundSync(db);
        } finally {
          db.close();
        }
      })(),
    );
  });
}
