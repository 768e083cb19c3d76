import type { Workbox } from 'workbox-window';
import { isWorkerMessage, SKIP_WAITING } from './protocol';

export type CheckResult = 'found' | 'none' | 'failed';

/**
 * The page's side of app updates. A new version installs in the background and then waits; it
 * takes over only when the user says so (activate), so a form being filled is never reloaded.
 */
export interface UpdateService {
  /** Calls back when a new version is installed and waiting (at once if one already waits). */
  onWaiting(cb: () => void): () => void;
  /** Calls back when another tab let a new version take over this page. */
  onExternalTakeover(cb: () => void): () => void;
  isWaiting(): boolean;
  /** Shows the update prompt again (after "稍后") when a version is waiting. */
  remind(): void;
  /** Lets the waiting version take over; resolves once it controls this page. */
  activate(): Promise<void>;
  /** Asks the server for a newer version now. */
  check(): Promise<CheckResult>;
  /** The service worker relays a Background Sync to the open app. */
  onSyncRequested(cb: () => void): () => void;
}

type Listeners = Set<() => void>;
const emit = (ls: Listeners) => ls.forEach((cb) => cb());
const subscribe = (ls: Listeners, cb: () => void) => {
  ls.add(cb);
  return () => void ls.delete(cb);
};

/** How long activate() waits for the new worker to take control before giving up waiting. */
const TAKEOVER_TIMEOUT_MS = 10_000;

/** Wraps a workbox-window Workbox (created by registerServiceWorker, or a fake in tests). */
export function updateServiceOf(
  wb: Workbox,
  container: ServiceWorkerContainer | undefined,
  registration: () => ServiceWorkerRegistration | undefined,
): UpdateService {
  const waiting: Listeners = new Set();
  const external: Listeners = new Set();
  const sync: Listeners = new Set();
  let isWaiting = false;
  let activating = false;

  wb.addEventListener('waiting', () => {
    isWaiting = true;
    emit(waiting);
  });
  wb.addEventListener('controlling', (e) => {
    isWaiting = false;
    // A takeover this tab did not ask for: another tab's update (the user of this tab decides when to reload).
    if (!activating && e.isUpdate) emit(external);
  });
  container?.addEventListener('message', (e: MessageEvent) => {
    if (isWorkerMessage(e.data)) emit(sync);
  });

  return {
    onWaiting(cb) {
      if (isWaiting) cb();
      return subscribe(waiting, cb);
    },
    onExternalTakeover: (cb) => subscribe(external, cb),
    isWaiting: () => isWaiting,
    remind: () => isWaiting && emit(waiting),
    activate() {
      activating = true;
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, TAKEOVER_TIMEOUT_MS);
        wb.addEventListener('controlling', done);
        // Equivalent to wb.messageSkipWaiting(), with the message type shared with the worker.
        registration()?.waiting?.postMessage({ type: SKIP_WAITING });
      });
    },
    async check() {
      try {
        await wb.update();
        const reg = registration();
        return reg?.installing || reg?.waiting ? 'found' : 'none';
      } catch {
        return 'failed';
      }
    },
    onSyncRequested: (cb) => subscribe(sync, cb),
  };
}

/**
 * Registers the service worker (the built /sw.js). Resolves undefined where there is none:
 * browsers without service workers, the dev server, and tests.
 */
export async function registerServiceWorker(url = '/sw.js'): Promise<UpdateService | undefined> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return undefined;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(url, { scope: '/', type: 'classic' });
  let reg: ServiceWorkerRegistration | undefined;
  const service = updateServiceOf(wb, container, () => reg);
  try {
    reg = await wb.register();
  } catch (e) {
    console.error('service worker registration failed', e);
    return undefined;
  }
  return service;
}
