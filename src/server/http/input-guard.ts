import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** The longest free text an office input may hold (reasons, notes); names and labels have their own, shorter bound. */
export const MAX_TEXT = 2000;
/** The longest query or path parameter. */
export const MAX_PARAM = 200;
/**
 * How deeply an office input may nest (a campaign definition, the deepest, nests about six levels).
 * The check below recurses once per level, as the handlers' validation would: a body of thousands
 * of nested arrays is refused here rather than overflowing the stack (a 500).
 */
export const MAX_DEPTH = 64;
/** Routes whose bodies have their own validation (records are checked by the ingest pipeline; a unit's evidence file is base64 bytes). */
const OWN_RULES = /^\/api\/v1\/(batches|blobs\/|unit\/campaigns\/[^/?]+\/evidence(\?|$))/;

type Found = { path: string; problem: 'nul' | 'long' | 'repeated' | 'surrogate' | 'deep' } | null;

/** Half of a UTF-16 surrogate pair without its other half: not text, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string of a JSON value with a NUL or longer than `max`, or the first value nested too deeply, with its JSON pointer. */
function badString(v: unknown, max: number, path = '', depth = 0): Found {
  if (typeof v === 'string') {
    if (v.includes('\u0000')) return { path, problem: 'nul' };
    if (v.length > max) return { path, problem: 'long' };
    return LONE_SURROGATE.test(v) ? { path, problem: 'surrogate' } : null;
  }
  if (v === null || typeof v !== 'object') return null;
  if (depth >= MAX_DEPTH) return { path, problem: 'deep' };
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  for (const [k, x] of entries) {
    if (k.includes('\u0000')) return { path: `${path}/${k}`, problem: 'nul' };
    const found = badString(x, max, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function badParams(params: unknown, where: string): Found {
  if (!params || typeof params !== 'object') return null;
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) return { path: `${where} ${k}`, problem: 'repeated' };
    const found = badString(v, MAX_PARAM);
    if (found || k.includes('\u0000')) return { path: `${where} ${k}`, problem: found?.problem ?? 'nul' };
  }
  return null;
}

const SAYS = {
  nul: 'holds a NUL character',
  long: 'is too long',
  repeated: 'is given more than once',
  surrogate: 'holds a lone UTF-16 surrogate',
  deep: `nests deeper than ${MAX_DEPTH} levels`,
} as const;

/** What the guard looks at: the API, and the public 通报 pages, whose address names a campaign the store looks up. */
const GUARDED = /^\/(api|public)\//;

/**
 * Refuses, before any handler or store sees them: a query parameter given twice, a NUL character
 * or a lone surrogate in the path, the query or a JSON body (PostgreSQL cannot store NUL; SQLite
 * would, so both now answer the same), a parameter over 200 characters, any body text over 2,000
 * characters, and a body nested deeper than MAX_DEPTH levels.
 * All are 400 `malformed` with the offending place.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!GUARDED.test(request.url)) return;
    const found =
      request.url.includes('%00') || request.url.includes('\u0000')
        ? { path: 'address', problem: 'nul' as const }
        : badParams(request.query, 'query parameter');
    if (found) throw new ApiError('malformed', `The ${found.path} ${SAYS[found.problem]}.`);
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!GUARDED.test(request.url)) return;
    const inParams = badParams(request.params, 'address part');
    if (inParams) throw new ApiError('malformed', `The ${inParams.path} ${SAYS[inParams.problem]}.`);
    if (OWN_RULES.test(request.url) || Buffer.isBuffer(request.body)) return;
    const inBody = badString(request.body, MAX_TEXT);
    if (inBody) {
      const says = inBody.problem === 'long' ? `is longer than ${MAX_TEXT} characters` : SAYS[inBody.problem];
      const what = inBody.problem === 'deep' ? 'value' : 'text';
      throw new ApiError('malformed', `The ${what} at ${inBody.path || '/'} ${says}.`, { path: inBody.path });
    }
  });
}
