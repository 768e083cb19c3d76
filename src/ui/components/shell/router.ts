import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the hash path and its query (`#/correct/abc?action=void`). */
export interface Location {
  path: string;
  query: Record<string, string>;
}

/** Splits a location hash into path and query; an empty hash is the home screen. */
export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)) || '/';
  const query: Record<string, string> = {};
  if (q >= 0) new URLSearchParams(raw.slice(q + 1)).forEach((v, k) => (query[k] = v));
  return { path: path.startsWith('/') ? path : `/${path}`, query };
}

/**
 * Matches `/records/:hash` or `/console/*` against a path; the path parameters, or null.
 * A trailing `*` takes the rest of the path as param `*`.
 */
export function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part === '*') {
      if (i >= s.length) return null;
      params['*'] = s.slice(i).map(safeDecode).join('/');
      return params;
    }
    const seg = s[i];
    if (seg === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = safeDecode(seg);
    else if (part !== seg) return null;
  }
  return p.length === s.length ? params : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The current hash location, updated on every hashchange. */
export function useHashLocation(): Location {
  const [loc, setLoc] = useState(() => parseHash(globalThis.location?.hash ?? ''));
  useEffect(() => {
    const on = () => setLoc(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return loc;
}
