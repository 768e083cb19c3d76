/** Backoff after network failures and 5xx: exponential, capped, with jitter. */
export const BACKOFF = {
  baseMs: 2_000,
  /** A few minutes at most: at day's end the coordinator is waiting for the tablets. */
  capMs: 4 * 60_000,
} as const;

/**
 * The wait before attempt number `attempts + 1`, after `attempts` consecutive failures (≥ 1).
 * "Equal jitter": half of the exponential step is fixed, half random, so tablets that lost the
 * network together (a whole room's Wi-Fi) do not come back in lockstep, yet none waits near zero.
 * A server's Retry-After (seconds) is honoured when it asks for longer, still within the cap.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random, retryAfterS?: number): number {
  const n = Math.max(1, Math.floor(attempts));
  const step = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = step / 2 + (step / 2) * r;
  const asked = retryAfterS && retryAfterS > 0 ? Math.min(BACKOFF.capMs, retryAfterS * 1000) : 0;
  return Math.round(Math.max(jittered, asked));
}
