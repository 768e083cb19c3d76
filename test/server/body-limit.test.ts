import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, sqliteBackend, startServer, type Place, type TestServer } from './harness';
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
