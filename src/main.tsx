import { render } from 'preact';
import { version } from '../package.json';
import { openSettings } from './platform/settings';
import { browserStorage } from './platform/storage';
import { registerServiceWorker, type UpdateService } from './pwa/updates';
import { openDb, type PingyiDb } from './store/db';
import { App, type OpenedStorage } from './ui/app';
import { preloadScreen } from './ui/components/shell/routes';
import './ui/theme.css';

/** Opens the records database and the settings store; rejects with the browser's reason when it cannot. */
async function openStorage(): Promise<OpenedStorage> {
  const settings = openSettings();
  const db = openDb();
  // The two databases open side by side: the session is read from both right after.
  await Promise.all([db.open(), settings.lang()]);
  return { db, settings };
}

/**
 * Automatic sending for an enrolled tablet: at start, when the network returns, when the app is
 * shown again, and when the service worker relays a Background Sync. Loaded lazily: the sync
 * code (schemas, signing) stays out of the first screen.
 */
function startSync(db: PingyiDb, updates: UpdateService | undefined): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  void import('./sync/scheduler').then(({ startSyncScheduler, syncNow }) => {
    if (stopped) return;
    const stopScheduler = startSyncScheduler({ db });
    const off = updates?.onSyncRequested(() => void syncNow(db).catch((e: unknown) => console.error(e)));
    stop = () => {
      stopScheduler();
      off?.();
    };
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

// The service worker registers after the page has loaded, so its precaching of the whole app
// does not compete with the first screen for the network.
const updates = new Promise<UpdateService | undefined>((resolve) => {
  const go = () => resolve(registerServiceWorker());
  if (document.readyState === 'complete') go();
  else addEventListener('load', go, { once: true });
});

// Storage starts opening as soon as this module runs, not after the first render: the App's own
// start runs in an effect, after a frame has been painted, which on a slow tablet is a few hundred
// milliseconds later. A retry (after a storage problem) opens afresh.
let opening: Promise<OpenedStorage> | undefined = openStorage();
opening.catch(() => undefined); // the App reports a failure; it is not an unhandled rejection here
function openOnce(): Promise<OpenedStorage> {
  const p = opening ?? openStorage();
  opening = undefined;
  return p;
}

preloadScreen(location.hash);
render(<App open={openOnce} updates={updates} storage={browserStorage()} version={version} startSync={startSync} />, document.getElementById('app')!);
