import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** Paths a navigation must reach on the network: the central endpoint's API. */
export const NAVIGATION_DENYLIST = [/^\/api(\/|$)/];

/**
 * Every page navigation (the app uses hash routes, so that is mostly '/') answers with the
 * precached index.html, online or not; API paths are left to the network.
 */
export function registerAppRoutes(): void {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NAVIGATION_DENYLIST }));
}
