import type { Tally } from './types';

/**
 * Differences between a recomputed tally and a signed one, ignoring computedAt; numbers agree when
 * equal or within `tolerance` (floating-point sums in another order). Returns JSON-pointer-like
 * paths of the first differences (at most `limit`), empty when they agree.
 */
export function compareTallies(expected: Tally, actual: Tally, tolerance = 1e-9, limit = 10): string[] {
  const diffs: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (diffs.length >= limit) return;
    if (path === '/computedAt') return;
    if (typeof a === 'number' && typeof b === 'number') {
      if (a !== b && !(Math.abs(a - b) <= tolerance)) diffs.push(`${path}: ${b} should be ${a}`);
      return;
    }
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
      if (a !== b) diffs.push(`${path}: ${JSON.stringify(b)} should be ${JSON.stringify(a)}`);
      return;
    }
    if (Array.isArray(a) !== Array.isArray(b)) {
      diffs.push(`${path}: shape differs`);
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      if (!Object.hasOwn(ao, k) || !Object.hasOwn(bo, k)) diffs.push(`${path}/${k}: present on one side only`);
      else walk(ao[k], bo[k], `${path}/${k}`);
    }
  };
  walk(expected, actual, '');
  return diffs;
}
