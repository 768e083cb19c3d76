/**
 * Storage failures the shell explains in plain words instead of showing a blank screen.
 * 'upgraded': while this page ran, another tab of a newer version upgraded the database; this page
 * let go of it (so the upgrade is not blocked) and must reload before it can save again.
 */
/** Storage failures the shell explains in plain words instead of showing a blank screen. */
export type StorageProblemKind = 'unavailable' | 'full' | 'newer' | 'upgraded';

/** The names in an error and the errors it wraps (Dexie keeps the browser's error in `inner`). */
function errorNames(e: unknown): string[] {
  const names: string[] = [];
  let cur = e as { name?: unknown; inner?: unknown } | undefined;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    if (typeof cur.name === 'string') names.push(cur.name);
    cur = cur.inner as typeof cur;
  }
  return names;
}

/** The device ran out of space (the browser's quota or the disk). */
export function isQuotaProblem(e: unknown): boolean {
  return errorNames(e).includes('QuotaExceededError');
}

/**
 * What went wrong while opening storage at start-up: no IndexedDB (old browser, some private
 * windows), IndexedDB refused (Firefox private mode: InvalidStateError; blocked by settings:
 * SecurityError; a broken profile: UnknownError), full, or written by a newer app version.
 */
export function classifyStartupError(e: unknown): StorageProblemKind | undefined {
  const names = errorNames(e);
  if (names.includes('QuotaExceededError')) return 'full';
  if (names.includes('VersionError')) return 'newer';
  const refused = ['MissingAPIError', 'OpenFailedError', 'InvalidStateError', 'SecurityError', 'UnknownError', 'DatabaseClosedError'];
  if (names.some((n) => refused.includes(n))) return 'unavailable';
  // `indexedDB` missing altogether: idb-keyval touches the global and throws a ReferenceError.
  if (e instanceof ReferenceError && /indexedDB/i.test(e.message)) return 'unavailable';
  return undefined;
}
