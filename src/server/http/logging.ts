import type { FastifyServerOptions } from 'fastify';

/** Query parameters whose values are logged as sent: ids, formats and numbers, never a secret. */
const SHOWN = new Set(['campaignId', 'format', 'type', 'unitId', 'after', 'limit', 'size', 'from', 'to', 'index', 'leaf', 'hash']);

/**
 * The URL as the request log writes it: every query value but the harmless ones above is replaced,
 * so that a token or code someone put in a query string never reaches the log.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (SHOWN.has(name)) return pair;
      // A name is kept only when it looks like one (a bare value may be the secret itself).
      return eq >= 0 && /^[A-Za-z0-9_]{1,32}$/.test(name) ? `${name}=[redacted]` : '[redacted]';
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** The app's logger options: pino's request serializer, with the URL redacted. */
export function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return {
    ...base,
    serializers: {
      ...((base.serializers as Record<string, unknown>) ?? {}),
      req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
    },
  } as FastifyServerOptions['logger'];
}
