import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const dbName = new URL(place.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: place.databaseUrl!.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    try {
      const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      expect(r.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await server.admin('/api/v1/admin/devices')).status).toBe(200);
  });
});
