import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors';

/** Past this many bytes an oversized body is no longer read to its end: the connection is closed. */
const DRAIN_MAX = 64 * 1024 * 1024;

/**
 * An onRequest hook for a route with a body limit: a body whose Content-Length is over the limit is
 * read and thrown away (up to DRAIN_MAX bytes), then answered 413 `too-large`. Refused before its
 * end, the sender would see its connection close under it (a broken pipe) instead of the answer.
 * Bodies without a Content-Length keep the framework's own limit.
 */
export function drainOversizedBody(limit: number) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const length = Number(request.headers['content-length']);
    if (!(length > limit)) return undefined;
    const answer = new ApiError(
      'too-large',
      `The request body is larger than the ${Math.round(limit / (1024 * 1024))} MiB this address accepts; send it in smaller parts.`,
    );
    if (length > DRAIN_MAX) return reply.header('connection', 'close').code(413).send(answer.toAnswer());
    const raw = request.raw;
    const drained = await new Promise<boolean>((resolve) => {
      let seen = 0;
      raw.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > DRAIN_MAX) resolve(false);
      });
      raw.once('end', () => resolve(true));
      raw.once('error', () => resolve(false));
      raw.once('close', () => resolve(raw.readableEnded));
      raw.resume();
    });
    if (!drained) reply.header('connection', 'close');
    return reply.code(413).send(answer.toAnswer());
  };
}
