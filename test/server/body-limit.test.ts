import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOversizedBody } from '../../src/server/ingest/body-limit';
import { postJson, sqliteBackend, startServer, type Place, type TestServer } from './harness';
import { fakeReply, hookRequest as request } from './fake-reply';
import { expectError } from './helpers';

// The default body limit holds for every route that names none of its own (batches and blobs do).
// No store is involved before the body is read, so SQLite alone stands for both.
const MiB = 1024 * 1024;

describe('the default body limit of 1 MiB', () => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await sqliteBackend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  /** A JSON body of exactly `bytes` bytes: {"pad":"xxx…"}. */
  const padded = (bytes: number) => ({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });

  it('reads a body of exactly 1 MiB (and judges its content), refuses one byte more with 413 too-large', async () => {
    expect(JSON.stringify(padded(MiB)).length).toBe(MiB);
    const atLimit = await postJson(`${server.url}/api/v1/devices`, padded(MiB));
    expect(atLimit.status).not.toBe(413);
    expect(atLimit.body.error).not.toBe('too-large');
    const over = await postJson(`${server.url}/api/v1/devices`, padded(MiB + 1));
    expectError(over, 413, 'too-large');
    expect(over.body.message).toContain('1 MiB');
  });
});

describe('drainOversizedBody, the hook of routes with limits of their own', () => {
  const body = (bytes: number) => Readable.from([Buffer.alloc(bytes)]);

  it('lets a body at the limit, or without a Content-Length, through to the framework', async () => {
    const hook = drainOversizedBody(2 * MiB);
    for (const length of [2 * MiB, 0, undefined]) {
      const { reply, sent } = fakeReply();
      expect(await hook(request(length, body(10)), reply)).toBeUndefined();
      expect(sent).toEqual({ headers: {} });
    }
  });

  it('reads a body one byte over the limit to its end, then answers 413 too-large naming the limit in MiB', async () => {
    const hook = drainOversizedBody(8 * MiB);
    const raw = body(8 * MiB + 1);
    const { reply, sent } = fakeReply();
    await hook(request(8 * MiB + 1, raw), reply);
    expect(raw.readableEnded).toBe(true);
    expect(sent.code).toBe(413);
    expect(sent.headers).toEqual({});
    expect(sent.body).toMatchObject({ error: 'too-large' });
    expect((sent.body as { message: string }).message).toContain('larger than the 8 MiB this address accepts');
  });

  it('closes the connection instead of reading a declared body over 64 MiB', async () => {
    const hook = drainOversizedBody(MiB);
    const raw = body(10);
    const { reply, sent } = fakeReply();
    await hook(request(64 * MiB + 1, raw), reply);
    expect(sent).toMatchObject({ code: 413, headers: { connection: 'close' }, body: { error: 'too-large' } });
    expect(raw.readableEnded).toBe(false); // not read at all
  });

  it('stops reading once a body sends more than 64 MiB (declared less), and closes the connection', async () => {
    const hook = drainOversizedBody(MiB);
    const raw = new Readable({ read() {} });
    const { reply, sent } = fakeReply();
    const answered = hook(request(2 * MiB, raw), reply);
    for (let i = 0; i < 65; i++) raw.push(Buffer.alloc(MiB));
    await answered;
    expect(sent).toMatchObject({ code: 413, headers: { connection: 'close' } });
  });

  it('closes the connection when the body breaks off before its end', async () => {
    for (const end of ['error', 'close'] as const) {
      const hook = drainOversizedBody(MiB);
      const raw = new Readable({ read() {} });
      const { reply, sent } = fakeReply();
      const answered = hook(request(2 * MiB, raw), reply);
      raw.push(Buffer.alloc(1000));
      if (end === 'error') raw.destroy(new Error('reset'));
      else raw.destroy();
      await answered;
      expect(sent, end).toMatchObject({ code: 413, headers: { connection: 'close' } });
    }
  });
});
