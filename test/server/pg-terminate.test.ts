import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../src/protocol/batch';
import { enrollDevice, f2fs, type TestDevice } from './device';
import { availableBackends, PG_ADMIN_URL, startServer, type Place, type TestServer } from './harness';
import { expectReceipt, storedActions, storedRecords } from './helpers';

const postgres = (await availableBackends()).filter((b) => b.name === 'postgres');

const DEVICES = 4;
const BATCHES = 6;
const PER_BATCH = 25;
/** Rounds of ending every connection, 40–120 ms apart, while the devices send. */
const KILL_ROUNDS = 30;

// PostgreSQL ends the server's connections while tablets send (a restart, a failover, an
// administrator): the server must answer 503 and go on, never die, and lose nothing it receipted.
describe.each(postgres.map((b) => [b.name, b] as const))('database connections ended under load (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let admin: pg.Client;
  const warned: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warned.push(String(line)));
    place = await backend.create();
    server = await startServer(place);
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await admin?.end();
    await server?.close();
    await place?.destroy();
  });

  /** Ends every connection the server holds to its database; how many it ended. */
  async function terminate(): Promise<number> {
    const dbName = new URL(place.databaseUrl!).pathname.slice(1);
    const r = await admin.query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and application_name = 'pingyi-server'`, [
      dbName,
    ]);
    return r.rows.filter((x: { ok: boolean }) => x.ok).length;
  }

  it('answers 503 with Retry-After while connections are ended, stays up, and stores every batch once sent again', async () => {
    const devices: TestDevice[] = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await enrollDevice(server, i % 2 ? 'ES256' : 'Ed25519'));
    const answers = new Map<number, number>();
    let retryAfterMissing = 0;
    let sending = true;
    let ended = 0;
    let rounds = 0;

    // A bounded fault window: on a loaded machine a transaction can take longer than the gap
    // between two rounds, and endless rounds would then let no batch through at all.
    const killer = (async () => {
      while (sending && rounds < KILL_ROUNDS) {
        ended += await terminate();
        rounds++;
        await new Promise((r) => setTimeout(r, 40 + Math.random() * 80));
      }
    })();

    const receipted: { device: TestDevice; batch: Batch }[] = [];
    await Promise.all(
      devices.map(async (d) => {
        for (let b = 0; b < BATCHES; b++) {
          const batch = await d.batch(await f2fs(d, PER_BATCH));
          // The tablet's outbox: a 503 (or a network failure) is tried again until a receipt comes.
          for (let attempt = 0; ; attempt++) {
            expect(attempt, 'a batch never got through').toBeLessThan(200);
            const res = await fetch(`${d.url}/api/v1/batches`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(batch),
            }).catch(() => null);
            if (!res) continue;
            answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
            const body = await res.json();
            if (res.status === 503) {
              expect(body.error).toBe('unavailable');
              if (!(Number(res.headers.get('retry-after')) > 0)) retryAfterMissing++;
              await new Promise((r) => setTimeout(r, 20));
              continue;
            }
            expect(res.status, JSON.stringify(body)).toBe(200);
            await expectReceipt(server, { status: 200, body }, batch, body.status, body.status === 'accepted' ? PER_BATCH : 0);
            receipted.push({ device: d, batch });
            break;
          }
        }
      }),
    ).finally(() => (sending = false));
    await killer;

    // The faults really happened, and each was answered as the contract says.
    expect(ended, `connections ended in ${rounds} rounds`).toBeGreaterThan(0);
    expect(answers.get(503) ?? 0, JSON.stringify([...answers])).toBeGreaterThan(0);
    expect([...answers.keys()].sort()).toEqual([200, 503]);
    expect(retryAfterMissing).toBe(0);

    // Every receipted record is stored exactly once, each chain whole, the log the sum of them.
    expect(receipted).toHaveLength(DEVICES * BATCHES);
    for (const d of devices) {
      const seqs = (await storedRecords(server, d.deviceId)).map((s) => s.record.seq);
      expect(seqs).toEqual(Array.from({ length: BATCHES * PER_BATCH }, (_, i) => i + 1));
    }
    expect((await server.store.logHead()).size).toBe(DEVICES * BATCHES * PER_BATCH + (await storedActions(server)).length);

    // One line per event, never a stack.
    expect(warned.some((l) => l.startsWith('PostgreSQL ended a connection (57P01'))).toBe(true);
    for (const l of warned) expect(l).not.toContain('\n');
  });
});
