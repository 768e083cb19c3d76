import type { ComponentType } from 'preact';
import type { ScreenProps } from '../../context';
import { matchPattern, parseHash } from './router';

export type ScreenModule = { default: ComponentType<ScreenProps> };

/**
 * Every screen module, each loaded on first visit only. A glob of literal paths compiles to the
 * same `() => import(path)` per file as hand-written imports, but a screen whose module is not
 * there yet (built by another part of the team) becomes a "not installed" page instead of a
 * failed build.
 */
const MODULES = import.meta.glob<ScreenModule>([
  '../../screens/home/HomeScreen.tsx',
  '../../screens/records/RecordsScreen.tsx',
  '../../screens/records/RecordDetailScreen.tsx',
  '../../screens/settings/SettingsScreen.tsx',
  '../../forms/f2f/F2fScreen.tsx',
  '../../forms/forum/ForumScreen.tsx',
  '../../forms/visit/VisitScreen.tsx',
  '../../forms/stall/StallScreen.tsx',
  '../../forms/followup/FollowupScreen.tsx',
  '../../forms/DraftScreen.tsx',
  '../../forms/correct/CorrectionScreen.tsx',
  '../../sync/EnrollScreen.tsx',
  '../../sync/SyncScreen.tsx',
  '../../console/ConsoleApp.tsx',
]);

/** Screens whose module has arrived, by module path: RouteView renders these at once. */
const LOADED = new Map<string, ScreenModule>();

/** Each module's loader, noting the module once it has arrived (one stable function per module). */
const LOADERS: Record<string, () => Promise<ScreenModule>> = Object.fromEntries(
  Object.entries(MODULES).map(([path, load]) => [
    path,
    () =>
      load().then((m) => {
        LOADED.set(path, m);
        return m;
      }),
  ]),
);

/** The screen module of a path if it has already arrived (preloaded or shown before). */
export function loadedScreen(module: string): ScreenModule | undefined {
  return LOADED.get(module);
}

export interface RouteDef {
  pattern: string;
  module: string;
  /** false: the office console, which brings its own layout instead of the tablet's bars. */
  chrome: boolean;
}

const tablet = (pattern: string, module: string): RouteDef => ({ pattern, module, chrome: true });

export const ROUTES: RouteDef[] = [
  tablet('/', '../../screens/home/HomeScreen.tsx'),
  tablet('/records', '../../screens/records/RecordsScreen.tsx'),
  tablet('/records/:hash', '../../screens/records/RecordDetailScreen.tsx'),
  tablet('/settings', '../../screens/settings/SettingsScreen.tsx'),
  tablet('/f2f', '../../forms/f2f/F2fScreen.tsx'),
  tablet('/forum', '../../forms/forum/ForumScreen.tsx'),
  tablet('/visit', '../../forms/visit/VisitScreen.tsx'),
  tablet('/stall', '../../forms/stall/StallScreen.tsx'),
  tablet('/followup', '../../forms/followup/FollowupScreen.tsx'),
  tablet('/draft/:id', '../../forms/DraftScreen.tsx'),
  tablet('/correct/:hash', '../../forms/correct/CorrectionScreen.tsx'),
  tablet('/enroll', '../../sync/EnrollScreen.tsx'),
  tablet('/sync', '../../sync/SyncScreen.tsx'),
  { pattern: '/console', module: '../../console/ConsoleApp.tsx', chrome: false },
  { pattern: '/console/*', module: '../../console/ConsoleApp.tsx', chrome: false },
];

export interface ResolvedRoute {
  def: RouteDef;
  /** Path parameters and the query, merged (a path parameter wins). */
  params: Record<string, string>;
  /** undefined when the screen's module is not part of this build. */
  load?: () => Promise<ScreenModule>;
}

/** The route of a path, or undefined for an unknown path. */
export function resolveRoute(path: string, query: Record<string, string> = {}, routes: RouteDef[] = ROUTES): ResolvedRoute | undefined {
  for (const def of routes) {
    const params = matchPattern(def.pattern, path);
    if (params) return { def, params: { ...query, ...params }, load: LOADERS[def.module] };
  }
  return undefined;
}

/**
 * Starts loading the screen module of a location hash at once, before storage has opened, so that
 * fetching and evaluating it overlaps the database's opening instead of following it. RouteView's
 * own load then finds the module ready (the browser loads a module once); a failure is left for
 * RouteView to show.
 */
export function preloadScreen(hash: string): void {
  const { path, query } = parseHash(hash);
  resolveRoute(path, query)
    ?.load?.()
    .catch(() => undefined);
}
