import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A reply that records what a hook sends and sets on it (status, headers, body). */
export function fakeReply() {
  const sent: { code?: number; headers: Record<string, string>; body?: { error: string; message: string } } = { headers: {} };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    code(status: number) {
      sent.code = status;
      return reply;
    },
    send(body: { error: string; message: string }) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

/** A request that declares `length` bytes (none when undefined) and whose body is `raw`. */
export const hookRequest = (length: number | undefined, raw: Readable) =>
  ({ headers: length === undefined ? {} : { 'content-length': String(length) }, raw }) as unknown as FastifyRequest;
