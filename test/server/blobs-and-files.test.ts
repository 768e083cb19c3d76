import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { sha256Hex } from '../../src/protocol/canon';
import { sweepUnnamedBlobs } from '../../src/server/blob-sweep';
import { migrationProvider } from '../../src/server/store/migrations';
import { enrollDevice, issueCode, type TestDevice } from './device';
import { availableBackends, openRaw, sqliteBackend, startServer, type Place, type TestServer } from './harness';
import { expectError, expectReceipt } from './helpers';

const backends = await availableBackends();
const DAY = 86_400_000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** JPEG-looking bytes of `n` bytes, different each time. */
function photo(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  crypto.getRandomValues(b.subarray(4, Math.min(n, 1000)));
  return b;
}

function openVisit(d: TestDevice, attached: { bytes: Uint8Array; sha256: string }[]) {
  return d.unsealed(
    'visit',
    {
      unitId: 'brigade2',
      mode: 'open',
      visitedAt: '2026-11-21T09:00:00.000Z',
      categories: [DEMO_CAMPAIGN.findingCategories[0]!.id],
      severity: DEMO_CAMPAIGN.severities[0]!.id,
    },
    { attachments: attached.map((a) => ({ sha256: a.sha256, bytes: a.bytes.length, mime: 'image/jpeg', sealed: false })) },
  );
}

describe('the data directory', () => {
  it("is the owner's only even when it already existed with open modes", async () => {
    const place = await sqliteBackend.create();
    try {
      chmodSync(place.dataDir, 0o755);
      const first = await startServer(place, {}, { PINGYI_ADMIN_TOKEN: '' });
      await first.admin('/api/v1/admin/campaigns');
      await first.close();
      for (const f of readdirSync(place.dataDir)) chmodSync(join(place.dataDir, f), 0o644);
      chmodSync(place.dataDir, 0o755);
      const second = await startServer(place, {}, { PINGYI_ADMIN_TOKEN: '' });
      try {
        await enrollDevice(second); // a write: the WAL and its index exist
        expect(statSync(place.dataDir).mode & 0o777).toBe(0o700);
        const files = readdirSync(place.dataDir).filter((f) => statSync(join(place.dataDir, f)).isFile());
        expect(files).toEqual(expect.arrayContaining(['pingyi.sqlite', 'pingyi.sqlite-wal', 'pingyi.sqlite-shm', 'server-key.jwk', 'admin-token']));
        for (const f of files) expect(statSync(join(place.dataDir, f)).mode & 0o777, f).toBe(0o600);
      } finally {
        await second.close();
      }
    } finally {
      await place.destroy();
    }
  });

  it('makes a new database file 0600 in a data dir that exists but is empty', async () => {
    const place = await sqliteBackend.create();
    try {
      mkdirSync(place.dataDir, { recursive: true });
      chmodSync(place.dataDir, 0o777);
      const server = await startServer(place);
      try {
        await enrollDevice(server);
        for (const f of ['pingyi.sqlite', 'pingyi.sqlite-wal', 'pingyi.sqlite-shm']) expect(statSync(join(place.dataDir, f)).mode & 0o777, f).toBe(0o600);
      } finally {
        await server.close();
      }
    } finally {
      await place.destroy();
    }
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('enrollment codes and blobs (%s)', (name, backend) => {
  let place: Place;
  let server: TestServer;
  let clock = Date.parse('2026-11-21T08:00:00.000Z');
  const now = () => clock;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place, { now }, { PINGYI_BLOB_QUOTA_BYTES: String(10_000) });
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('stores only the hash of an enrollment code, and enrolls with the code as typed', async () => {
    const code = await issueCode(server);
    const rows = await server.store.db.selectFrom('enrollment_codes').select('code').execute();
    expect(rows.map((r) => r.code)).not.toContain(code.replace(/-/g, ''));
    expect(rows.map((r) => r.code)).toContain(sha(code.replace(/-/g, '')));
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, '').slice(0, 8));
    const d = await enrollDevice(server);
    expect(d.deviceId).toBeTruthy();
  });

  it('converts the plain codes of an older store (migration 007), found by their hash', async () => {
    const old = await backend.create({ empty: true });
    try {
      const raw = openRaw(old);
      try {
        const { error } = await new Migrator({ db: raw, provider: migrationProvider(name) }).migrateTo('004_log_subtrees');
        if (error) throw error;
        await raw
          .insertInto('campaigns')
          .values({ id: 'demo', definition: JSON.stringify(DEMO_CAMPAIGN), updated_at: '2026-11-01T00:00:00.000Z' })
          .execute();
        await raw
          .insertInto('enrollment_codes')
          .values({
            code: 'ABCD2345WXYZ',
            campaign_id: 'demo',
            role: 'representative',
            collector: '张三',
            created_at: '2026-11-01T00:00:00.000Z',
            expires_at: '2099-01-01T00:00:00.000Z',
            used_at: null,
            device_id: null,
          })
          .execute();
      } finally {
        await raw.destroy();
      }
      const upgraded = await startServer(old);
      try {
        expect((await upgraded.store.db.selectFrom('enrollment_codes').select('code').execute()).map((r) => r.code)).toEqual([sha('ABCD2345WXYZ')]);
        expect(await upgraded.store.findEnrollmentCode(sha('ABCD2345WXYZ'))).toMatchObject({ collector: '张三', usedAt: null });
      } finally {
        await upgraded.close();
      }
    } finally {
      await old.destroy();
    }
  });

  it('bounds the bytes of unnamed blobs per device (413 quota-exceeded) and frees them when a record names them', async () => {
    const d = await enrollDevice(server);
    const a = photo(6000);
    const b = photo(6000);
    expect((await d.uploadBlob(a)).status).toBe(201);
    const over = await d.uploadBlob(b);
    expectError(over, 413, 'quota-exceeded');
    expect(over.body.message).toMatch(/limit/);
    // Another device has its own quota.
    expect((await (await enrollDevice(server)).uploadBlob(photo(6000))).status).toBe(201);
    // Uploading a held blob again costs nothing.
    expect((await d.uploadBlob(a)).status).toBe(200);
    const batch = await d.batch(await d.seal([openVisit(d, [{ bytes: a, sha256: await sha256Hex(a) }])]));
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 1);
    expect((await d.uploadBlob(b)).status).toBe(201);
  });

  it('removes blobs no record names 7 days after upload, keeping one whose batch came within them', async () => {
    const d = await enrollDevice(server);
    const lonely = photo(100);
    const early = photo(100);
    await d.uploadBlob(lonely);
    await d.uploadBlob(early);
    const lines: string[] = [];
    clock += 6 * DAY;
    expect(await sweepUnnamedBlobs(server.store, now, (l) => lines.push(l))).toEqual([]);
    const batch = await d.batch(await d.seal([openVisit(d, [{ bytes: early, sha256: await sha256Hex(early) }])]));
    await expectReceipt(server, await d.send(batch), batch, 'accepted', 1);
    clock += 2 * DAY;
    const removed = await sweepUnnamedBlobs(server.store, now, (l) => lines.push(l));
    const lonelySha = await sha256Hex(lonely);
    expect(removed.map((r) => r.sha256)).toContain(lonelySha);
    expect(removed.map((r) => r.sha256)).not.toContain(await sha256Hex(early));
    expect(lines.filter((l) => l.includes(lonelySha))).toHaveLength(1);
    expect(lines.every((l) => !l.includes('\n') && /^removed blob [0-9a-f]{64} \(\d+ bytes\) of device /.test(l))).toBe(true);
    expect(await server.store.hasBlob(lonelySha)).toBe(false);
    expect(await server.store.hasBlob(await sha256Hex(early))).toBe(true);
    // The record's attachment is still there for the office.
    const res = await fetch(`${server.url}/api/v1/admin/blobs/${await sha256Hex(early)}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
  });
});

// PostgreSQL runs writers side by side (SQLite one at a time): there the lock is what keeps the sweep out.
describe.each(backends.filter((b) => b.name === 'postgres').map((b) => [b.name, b] as const))('the blob sweep beside a batch (%s)', (_name, backend) => {
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

  it('makes the sweep wait for a batch that has seen the blob (no removal between check and append)', async () => {
    const d = await enrollDevice(server);
    const bytes = photo(100);
    const sha256 = await sha256Hex(bytes);
    await d.uploadBlob(bytes);
    let sweep: Promise<unknown> | undefined;
    let sweptWhileOpen = false;
    await server.store
      .ingest(async (tx) => {
        expect(await tx.existingBlobs([sha256])).toEqual(new Set([sha256]));
        sweep = server.store.removeUnnamedBlobs('9999-01-01T00:00:00.000Z').then(() => (sweptWhileOpen = true));
        // Until the sweep's DELETE is seen waiting for this transaction's lock.
        const pool = server.store.db;
        for (let i = 0; i < 200; i++) {
          const { rows } = await sql<{
            n: number;
          }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'delete from "blobs"%'`.execute(pool);
          if (rows[0]!.n > 0 || sweptWhileOpen) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        expect(sweptWhileOpen).toBe(false);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    await sweep;
    expect(await server.store.hasBlob(sha256)).toBe(false);
  });
});
