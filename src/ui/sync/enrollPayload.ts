/** What an enrollment QR code (or a pasted link) tells the tablet. */
export interface EnrollPayload {
  server?: string;
  code?: string;
}

/**
 * Reads what the office's QR code holds: the console shows a link into this screen,
 * `<server>/#/enroll?server=<server>&code=<code>` (so a system camera app opens the right page),
 * but a bare code or a small JSON object {server|serverUrl, code} is accepted as well.
 */
export function parseEnrollPayload(text: string): EnrollPayload {
  const s = text.trim();
  if (!s) return {};
  if (s.startsWith('{')) {
    try {
      const j = JSON.parse(s) as Record<string, unknown>;
      const server = typeof j.server === 'string' ? j.server : typeof j.serverUrl === 'string' ? j.serverUrl : undefined;
      const code = typeof j.code === 'string' ? j.code : undefined;
      return { ...(server ? { server } : {}), ...(code ? { code } : {}) };
    } catch {
      return {};
    }
  }
  if (/^https?:\/\//i.test(s)) {
    try {
      const url = new URL(s);
      // The parameters may sit in the hash route (#/enroll?…) or in the query.
      const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : '';
      const params = new URLSearchParams(hashQuery || url.search);
      const code = params.get('code') ?? undefined;
      const server = params.get('server') ?? url.origin;
      return { server, ...(code ? { code } : {}) };
    } catch {
      return {};
    }
  }
  // A bare code: letters, digits, spaces and dashes only.
  return /^[A-Za-z0-9 -]{4,64}$/.test(s) ? { code: s } : {};
}

/** A default name for this tablet in the office's device list (the user may change it). */
export function defaultDeviceLabel(userAgent: string, tablet = '平板'): string {
  const os = /Android/i.test(userAgent) ? 'Android' : /iPad|iPhone|Mac OS/i.test(userAgent) ? 'iPad' : /Windows/i.test(userAgent) ? 'Windows' : tablet;
  const browser = /HuaweiBrowser/i.test(userAgent)
    ? 'Huawei'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /Firefox\//.test(userAgent)
            ? 'Firefox'
            : '';
  return browser ? `${os} · ${browser}` : os;
}
