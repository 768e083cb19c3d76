// Messages between the page and the service worker; both sides import this one module.

/** Page → waiting worker: take over now (sent only when the user chose to update). */
export const SKIP_WAITING = 'SKIP_WAITING';
/** Worker → pages: a Background Sync fired while the app is open; the page runs the outbox. */
export const SYNC_REQUESTED = 'SYNC_REQUESTED';

export type PageMessage = { type: typeof SKIP_WAITING };
export type WorkerMessage = { type: typeof SYNC_REQUESTED };

export function isWorkerMessage(data: unknown): data is WorkerMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SYNC_REQUESTED;
}
