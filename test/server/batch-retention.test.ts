import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollDevice } from './device';
import { sqliteBackend, startServer, type Place, type TestServer } from './harness';

/**
 * A request object stays referenced for a while after its answer; a parsed batch left on it was
 * copied and promoted by every young-generation collection between two batches (the ingest bench
 * prints the server's collections). The batches route drops it once the answer is sent.
 */
describe('the batches route after its answer', () => {
  let place: Place;
  let server: TestServer;
  const answered: FastifyRequest[] = [];

  beforeAll(async () => {
    place = await sqliteBackend.create();
    server = await startServer(place, {}, {}, (app) =>
      // Added after the app's own hooks; it looks at the request once they all have run.
      app.addHook('onResponse', async (request) => {
        await new Promise((resolve) => setImmediate(resolve));
        answered.push(request);
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('leaves no parsed batch on the request, accepted or refused', async () => {
    const device = await enrollDevice(server);
    const batch = await device.batch(await device.seal([device.f2f(), device.f2f()]));
    expect((await device.send(batch)).status).toBe(200);
    // Sent again with a count its signature does not cover: refused, and its body dropped as well.
    expect((await device.send({ ...batch, header: { ...batch.header, count: 3 } })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const batches = answered.filter((r) => r.url === '/api/v1/batches');
    expect(batches).toHaveLength(2);
    for (const r of batches) expect(r.body).toBeUndefined();
    // Other routes keep theirs (the enrollment's body is still there when the hook looks).
    expect(answered.find((r) => r.url === '/api/v1/devices')?.body).toBeDefined();
  });
});
