/**
 * An admin API call against a test server with its admin token: JSON in, JSON out, and an error
 * naming the call and the answer on anything but 2xx. Shared by the unit, browser and bench
 * helpers (it imports nothing, so it runs under jsdom as well).
 */
export function adminCall(url: string, adminToken: string, timeoutMs = 30_000) {
  return async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
