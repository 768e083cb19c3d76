/**
 * Device location for findings and stalls. Signed records hold no floats (PROTOCOL.md), so a fix
 * is kept as integer microdegrees and whole metres. `source` says whether the device measured it
 * or a person typed it (a typed position carries no accuracy; accuracyM is then 0).
 */

export interface Fix {
  latE6: number;
  lonE6: number;
  accuracyM: number;
  source: 'device' | 'manual';
}

export type FixFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';
export type FixResult = { ok: true; fix: Fix } | { ok: false; reason: FixFailure };

/** Degrees to integer microdegrees. */
export function toE6(degrees: number): number {
  return Math.round(degrees * 1_000_000);
}

/** A fix from the Geolocation API's coordinates; accuracy is rounded up (never claims better). */
export function fixFromCoords(c: { latitude: number; longitude: number; accuracy: number }): Fix {
  return { latE6: toE6(c.latitude), lonE6: toE6(c.longitude), accuracyM: Math.max(0, Math.ceil(c.accuracy)), source: 'device' };
}

/** Asks the device for its position once; never throws, says why there is no fix. */
export function currentFix(
  geo: Pick<Geolocation, 'getCurrentPosition'> | undefined,
  opts: { timeoutMs?: number; maximumAgeMs?: number } = {},
): Promise<FixResult> {
  if (!geo) return Promise.resolve({ ok: false, reason: 'unsupported' });
  return new Promise((resolve) => {
    try {
      geo.getCurrentPosition(
        (pos) => resolve({ ok: true, fix: fixFromCoords(pos.coords) }),
        (err) => resolve({ ok: false, reason: err.code === 1 ? 'denied' : err.code === 3 ? 'timeout' : 'unavailable' }),
        { enableHighAccuracy: true, timeout: opts.timeoutMs ?? 20_000, maximumAge: opts.maximumAgeMs ?? 60_000 },
      );
    } catch {
      resolve({ ok: false, reason: 'unavailable' });
    }
  });
}

/** The browser's geolocation, when it has one (insecure origins and some webviews do not). */
export function deviceGeolocation(): Geolocation | undefined {
  return typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : undefined;
}

/**
 * A typed position: decimal degrees "lat, lon" (comma, space or the Chinese comma between them),
 * e.g. "30.5728, 104.0668". Null when it is not a position on Earth.
 */
export function parseManualPosition(text: string): Fix | null {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter(Boolean);
  if (parts.length !== 2 || !parts.every((p) => /^[+-]?\d{1,3}(\.\d+)?$/.test(p))) return null;
  const [lat, lon] = parts.map(Number) as [number, number];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { latE6: toE6(lat), lonE6: toE6(lon), accuracyM: 0, source: 'manual' };
}

/** Degrees text of a fix, for display: "30.572800, 104.066800". */
export function formatFix(f: { latE6: number; lonE6: number }): string {
  return `${(f.latE6 / 1e6).toFixed(6)}, ${(f.lonE6 / 1e6).toFixed(6)}`;
}
