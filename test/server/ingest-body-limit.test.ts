import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { drainOversizedBody } from '../../src/server/ingest/body-limit';
import { fakeReply, hookRequest as request } from './fake-reply';

const MiB = 1024 * 1024;

describe('drainOversizedBody at the 64 MiB drain bound', () => {
  it('still reads a body that declares exactly 64 MiB, and keeps the connection', async () => {
    const hook = drainOversizedBody(MiB);
    const raw = Readable.from([Buffer.alloc(10)]);
    const { reply, sent } = fakeReply();
    await hook(request(64 * MiB, raw), reply);
    expect(raw.readableEnded).toBe(true);
    expect(sent).toMatchObject({ code: 413, headers: {}, body: { error: 'too-large' } });
    expect(sent.headers).toEqual({});
  });

  it('keeps the connection when the body sends exactly 64 MiB before its end', async () => {
    const hook = drainOversizedBody(MiB);
    const raw = new Readable({ read() {} });
    const { reply, sent } = fakeReply();
    const answered = hook(request(2 * MiB, raw), reply);
    for (let i = 0; i < 64; i++) raw.push(Buffer.alloc(MiB));
    raw.push(null);
    await answered;
    expect(sent.code).toBe(413);
    expect(sent.headers).toEqual({});
  });

  it('answers one byte past 64 MiB sent (declared less) with a closed connection', async () => {
    const hook = drainOversizedBody(MiB);
    const raw = new Readable({ read() {} });
    const { reply, sent } = fakeReply();
    const answered = hook(request(2 * MiB, raw), reply);
    for (let i = 0; i < 64; i++) raw.push(Buffer.alloc(MiB));
    raw.push(Buffer.alloc(1));
    await answered;
    expect(sent).toMatchObject({ code: 413, headers: { connection: 'close' } });
  });

  it('names the limit in whole MiB, rounded, in the answer', async () => {
    for (const [limit, named] of [
      [8 * MiB, '8 MiB'],
      [1.5 * MiB, '2 MiB'],
      [1.4 * MiB, '1 MiB'],
    ] as const) {
      const { reply, sent } = fakeReply();
      await drainOversizedBody(limit)(request(limit + 1, Readable.from([Buffer.alloc(1)])), reply);
      expect(sent.body!.message).toBe(`The request body is larger than the ${named} this address accepts; send it in smaller parts.`);
    }
    const { reply, sent } = fakeReply();
    await drainOversizedBody(MiB)(request(65 * MiB, Readable.from([])), reply);
    expect(sent.body).toEqual({ error: 'too-large', message: 'The request body is larger than the 1 MiB this address accepts; send it in smaller parts.' });
  });

  it('lets a Content-Length that is not a number through to the framework', async () => {
    const { reply, sent } = fakeReply();
    const hook = drainOversizedBody(MiB);
    const req = { headers: { 'content-length': 'lots' }, raw: Readable.from([]) } as unknown as FastifyRequest;
    expect(await hook(req, reply)).toBeUndefined();
    expect(sent).toEqual({ headers: {} });
  });
});
