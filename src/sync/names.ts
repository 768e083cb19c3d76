/** The Background Sync tag the page registers and the service worker answers. */
export const SYNC_TAG = 'pingyi-outbox';

/** The Web Lock that keeps two tabs (or a tab and the service worker) from sending at once. */
export const OUTBOX_LOCK = 'pingyi-outbox';
