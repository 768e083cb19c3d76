import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import type { Attachment, PingyiRecord } from '../../../src/domain/records';
import { hSync, ZERO } from '../../../src/protocol/canon';
import { isReceived, receivedThrough } from '../../../src/store/received';
import { buildApp } from '../../../src/server/app';
import { loadServerSigner } from '../../../src/server/secrets';
import { openStore } from '../../../src/server/store/kysely-store';
import { openDb, type PingyiDb, type StoredRecord } from '../../../src/store/db';
import type { FetchFn } from '../../../src/sync/http';
import type { Enrollment } from '../../../src/sync/state';
import { adminCall } from '../../admin-call';

/** The real central endpoint (S1's server) on 127.0.0.1, random port, its own SQLite data dir. */
export interface TestServer {
  url: string;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** `now` is the server's clock (Date.now unless given): tests move it instead of waiting. */
export async function startServer(o: { now?: () => number } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingyi-sync-'));
  const adminToken = randomBytes(24).toString('base64url');
  // Built from its parts rather than from the environment's config, so that the same helper also
  // runs under jsdom (the config module resolves dist/ from import.meta.url).
  const { signer } = await loadServerSigner(dataDir);
  const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'pingyi.sqlite') });
  const app = await buildApp({ store, signer, adminToken, staticDir: null, rateLimit: { enrollPerMinute: 1000, adminPerMinute: 100_000 }, now: o.now });
  app.addHook('onClose', () => store.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    admin: adminCall(url, adminToken),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function issueCode(server: TestServer, role = 'coordinator', collector = 'zhang-wei', campaignId = 'demo'): Promise<string> {
  const r = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', { campaignId, role, collector });
  return r.code;
}

/** Every record the server holds (all pages). */
export async function serverRecords(server: TestServer): Promise<{ hash: string; record: PingyiRecord }[]> {
  const out: { hash: string; record: PingyiRecord }[] = [];
  let after: string | null = null;
  do {
    const q = new URLSearchParams({ limit: '500', ...(after ? { after } : {}) });
    const page: { records: { hash: string; record: PingyiRecord }[]; next: string | null } = await server.admin('GET', `/api/v1/admin/records?${q}`);
    out.push(...page.records);
    after = page.next;
  } while (after);
  return out;
}

/** Node's fetch, with every request logged (method and path) for assertions. */
export function loggingFetch(log: string[], inner: FetchFn = (u, i) => fetch(u, i)): FetchFn {
  return (url, init) => {
    log.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return inner(url, init);
  };
}

export function freshDb(prefix = 'sync'): PingyiDb {
  return openDb(`${prefix}-${uuidv7()}`);
}

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));

/** A valid f2f body of the demo campaign. */
export function f2fBody(unitId = 'brigade1'): Record<string, unknown> {
  return { unitId, raterGroup: 'public', channel: 'stall', ratings, overall: 'fairly', durationMs: 61_000 };
}

/**
 * Seals `n` records straight into the tablet's database, continuing the device's chain (as
 * sealDraft would, in one bulk write: the tests need hundreds).
 */
export async function seedRecords(
  db: PingyiDb,
  e: Pick<Enrollment, 'deviceId' | 'collector' | 'campaignId'>,
  n: number,
  over: (i: number) => { body?: Record<string, unknown>; attachments?: Attachment[]; practice?: 0 | 1 } = () => ({}),
): Promise<StoredRecord[]> {
  const head = await db.heads.get(e.deviceId);
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? ZERO;
  const out: StoredRecord[] = [];
  // Sealed from 4 minutes before now, 100 ms apart, each created its durationMs before its seal:
  // the server takes only times near its own and the device's enrollment.
  const t0 = Date.now() - 4 * 60_000;
  for (let i = 0; i < n; i++) {
    const o = over(i);
    const body = o.body ?? f2fBody();
    seq++;
    const at = new Date(t0 + seq * 100).toISOString();
    const created = new Date(Date.parse(at) - (typeof body.durationMs === 'number' ? body.durationMs : 0)).toISOString();
    const record: PingyiRecord = {
      v: 1,
      type: 'f2f',
      id: uuidv7(t0 + seq),
      campaignId: e.campaignId,
      deviceId: e.deviceId,
      seq,
      prev,
      collector: e.collector,
      createdAt: created,
      sealedAt: at,
      body,
      ...(o.attachments ? { attachments: o.attachments } : {}),
    };
    const hash = hSync(record);
    out.push({
      hash,
      deviceId: e.deviceId,
      seq,
      campaignId: e.campaignId,
      type: 'f2f',
      unitIds: [String(body.unitId ?? '')],
      day: '2026-11-21',
      sealedAt: at,
      practice: o.practice ?? 0,
      record,
    });
    prev = hash;
  }
  await db.transaction('rw', db.records, db.heads, async () => {
    await db.records.bulkAdd(out);
    await db.heads.put({ deviceId: e.deviceId, seq, hash: prev });
  });
  return out;
}

/** The seqs of the device's stored records that its received mark covers. */
export async function receivedSeqs(db: PingyiDb, deviceId: string): Promise<number[]> {
  const rows = await db.records.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).toArray();
  const through = await receivedThrough(db, deviceId);
  return rows.filter((r) => isReceived(r, through)).map((r) => r.seq);
}
