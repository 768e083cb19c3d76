/// <reference lib="webworker" />
// The service worker only wires events; what it does lives in ./routes and ./sync.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { SKIP_WAITING } from '../pwa/protocol';
import { registerAppRoutes } from './routes';
import { onBackgroundSync } from './sync';

declare const self: ServiceWorkerGlobalScope;

// The whole built app (every lazily loaded screen included) is cached at install, so after one
// online load the app opens offline: reloads, new tabs, a restarted browser.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerAppRoutes();
// The first install takes over the open page at once; later versions wait for SKIP_WAITING.
clientsClaim();

self.addEventListener('message', (event) => {
  // Only the page's "update now" (sent when no form is dirty) lets a new version take over.
  if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING) void self.skipWaiting();
});

onBackgroundSync(self);
