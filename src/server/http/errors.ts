import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorAnswer, type ErrorCode } from '../../protocol/errors';
import { storeFault } from '../store/faults';

/** An answer of PROTOCOL.md's error table: thrown by handlers, sent as `{error, message, …details}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toAnswer(): ErrorAnswer {
    return { error: this.code, message: this.message, ...this.details };
  }
}

const MiB = 1024 * 1024;

/** Maps the framework's own errors (body limits, JSON syntax, rate limits …) onto the protocol's codes. */
function fromFrameworkError(err: FastifyError, limit: number | undefined): ApiError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        'too-large',
        `The request body is larger than the ${limit ? Math.round(limit / MiB) + ' MiB ' : ''}this address accepts; send it in smaller parts.`,
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('malformed', 'The request body is not valid JSON; send a JSON document.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('malformed', 'This address does not take this Content-Type; send application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('malformed', 'The Content-Length header does not match the body; send the request again.');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return new ApiError('malformed', `The request is malformed: ${err.message}`);
  if (err.statusCode === 404) return new ApiError('not-found', 'Nothing is found at this address.');
  return null;
}

/** Seconds a client waits before sending again, by fault (PROTOCOL.md: 503 unavailable, 507 storage-full). */
export const RETRY_AFTER_S = { unavailable: 5, 'storage-full': 60 } as const;

/**
 * A store error that is not the request's fault, as the answer the client retries: 507 when the
 * disk is full, 503 when the database is unreachable or dropped the connection. Nothing was stored.
 */
export function fromStoreFault(err: unknown): ApiError | null {
  switch (storeFault(err)) {
    case 'storage-full':
      return new ApiError(
        'storage-full',
        "The server's disk is full, so nothing was stored; this is not the tablet's fault: the office must free space on the server, then send again.",
      );
    case 'unavailable':
      return new ApiError('unavailable', "The server's database is unavailable for the moment, so nothing was stored; send again shortly.");
    default:
      return null;
  }
}

/**
 * Every error answer of the server, including the framework's, gets the protocol's shape.
 * `onStoreFault` hears of each store fault (the store's health logs it once per change of state):
 * those are answered without a stack in the log.
 */
export function installErrorHandler(app: FastifyInstance, onStoreFault: (err: unknown) => void = () => {}): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    const fault = err instanceof ApiError ? null : fromStoreFault(err);
    if (fault) {
      onStoreFault(err);
      return reply
        .code(fault.status)
        .header('retry-after', String(RETRY_AFTER_S[fault.code as keyof typeof RETRY_AFTER_S]))
        .send(fault.toAnswer());
    }
    const api = err instanceof ApiError ? err : fromFrameworkError(err as FastifyError, request.routeOptions.bodyLimit ?? undefined);
    if (api) return reply.code(api.status).send(api.toAnswer());
    request.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: 'internal', message: 'The server failed to handle this request; nothing was changed, try again later.' });
  });
}

/** 404 for unknown API addresses (the static layer answers navigations with the app instead). */
export function notFoundAnswer(): ErrorAnswer {
  return { error: 'not-found', message: 'Nothing is found at this address.' };
}
