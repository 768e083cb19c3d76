import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { availableBackends, startServer, type Place, type TestServer } from './harness';

const postgres = (await availableBackends()).filter((b) => b.name === 'postgres');

// Runs only where PostgreSQL answers; the harness prints that the PostgreSQL run is skipped otherwise.
describe.each(postgres.map((b) => [b.name, b] as const))('store connections (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('survives the database ending its idle connections, and answers again', async () => {
    expect((await server.admin('/api/v1/admin/devices')).status).toBe(200);
    // The store says so on console.warn for each connection the database ended (store/open.ts).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dbName = new URL(place.databaseUrl!).pathname.slice(1);
    let ended = 0;
    const admin = new pg.Client({ connectionString: place.databaseUrl!.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    try {
      const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      ended = r.rowCount ?? 0;
      expect(ended).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    try {
      // Wait until the server's pool has noticed every ended connection, then ask again.
      const noticed = () => warn.mock.calls.filter((c) => String(c[0]).startsWith('PostgreSQL ended a connection')).length;
      await expect.poll(noticed, { timeout: 10_000, interval: 10 }).toBe(ended);
    } finally {
      warn.mockRestore();
    }
    expect((await server.admin('/api/v1/admin/devices')).status).toBe(200);
  });
});
