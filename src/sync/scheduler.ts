import type { PingyiDb } from '../store/db';
import { SYNC_TAG } from './names';
import type { OutboxDeps, OutboxResult } from './run';

/**
 * When the tablet syncs on its own: at launch, when the network comes back (`online`), when the app
 * becomes visible again, when a backoff ends, and through Background Sync while the app is closed.
 * This module stays tiny and loads the outbox (zod, schemas, crypto) only when a run starts, so the
 * home screen's first load does not carry it.
 */
/** Runs the outbox once from the page (lazy-loaded), with the page's fetch. */
export async function syncNow(db: PingyiDb, options: Omit<OutboxDeps, 'fetchFn'> & { fetchFn?: OutboxDeps['fetchFn'] } = {}): Promise<OutboxResult> {
  const { runOutbox } = await import('./run');
  return runOutbox(db, { ...options, fetchFn: options.fetchFn ?? ((input, init) => fetch(input, init)) });
}

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/**
 * Asks the browser to run the outbox when it next has connectivity, even if the app is closed
 * (Chromium's Background Sync). Call it after sealing and after a failed run; a no-op elsewhere.
 */
export async function registerBackgroundSync(nav: Navigator = navigator): Promise<boolean> {
  try {
    if (!nav.serviceWorker) return false;
    const reg = (await nav.serviceWorker.ready) as unknown as SyncRegistration;
    if (!reg.sync) return false;
    await reg.sync.register(SYNC_TAG);
    return true;
  } catch {
    return false; // permission denied or not supported: the page's own triggers still run
  }
}

export interface SchedulerDeps {
  db: PingyiDb;
  win?: Window;
  now?: () => number;
  /** Every automatic run's result (the shell may show a small badge). */
  onResult?: (result: OutboxResult) => void;
  /** Replaces the real run (tests). */
  run?: () => Promise<OutboxResult>;
}

/** Starts the automatic triggers; returns the function that stops them. */
export function startSyncScheduler(deps: SchedulerDeps): () => void {
  const win = deps.win ?? window;
  const now = deps.now ?? Date.now;
  const run = deps.run ?? (() => syncNow(deps.db));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const trigger = async () => {
    if (stopped) return;
    if (win.navigator.onLine === false) {
      // `online` calls again while the app is open; Background Sync covers a closed app.
      void registerBackgroundSync(win.navigator);
      return;
    }
    let result: OutboxResult;
    try {
      result = await run();
    } catch {
      return; // an unexpected failure (storage): the next trigger tries again
    }
    if (stopped) return;
    deps.onResult?.(result);
    if (result.status === 'retry' || result.status === 'waiting') {
      if (timer) clearTimeout(timer);
      // setTimeout cannot wait longer than 2^31-1 ms; backoffs are minutes.
      timer = setTimeout(() => void trigger(), Math.min(Math.max(result.until - now(), 1_000), 2 ** 31 - 1));
      void registerBackgroundSync(win.navigator);
    }
  };
  const onVisible = () => {
    if (win.document.visibilityState === 'visible') void trigger();
  };

  win.addEventListener('online', trigger);
  win.document.addEventListener('visibilitychange', onVisible);
  void trigger();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    win.removeEventListener('online', trigger);
    win.document.removeEventListener('visibilitychange', onVisible);
  };
}
