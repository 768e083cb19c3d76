// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../src/protocol/batch';
import type { PingyiDb } from '../../../src/store/db';
import { checkLog, parseProof } from '../../../src/sync/auditlog';
import { enrollDevice } from '../../../src/sync/enroll';
import type { FetchFn, ServerClient } from '../../../src/sync/http';
import { runOutbox } from '../../../src/sync/run';
import { readOutboxState } from '../../../src/sync/state';
import { freshDb, issueCode, loggingFetch, seedRecords, startServer, type TestServer } from './helpers';

let server: TestServer;
let db: PingyiDb;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  db?.close();
  await db?.delete();
});
const netFetch: FetchFn = (u, i) => fetch(u, i);

describe('audit log checkpoints', () => {
  it('keeps the first head, then checks each new one with a consistency proof', async () => {
    db = freshDb();
    const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 'log', fetchFn: netFetch });
    await seedRecords(db, e, 3);
    await runOutbox(db, { fetchFn: netFetch, locks: null });
    const first = (await readOutboxState(db)).checkpoint!;
    expect(first.logSize).toBeGreaterThanOrEqual(3);

    await seedRecords(db, e, 4);
    const log: string[] = [];
    await runOutbox(db, { fetchFn: loggingFetch(log), locks: null });
    const state = await readOutboxState(db);
    expect(log).toContain('GET /api/v1/log/consistency');
    expect(state.checkpoint!.logSize).toBe(first.logSize + 4);
    expect(state.logAlarm ?? null).toBeNull();
  });

  it('raises the alarm when the proof does not show the old log inside the new one', async () => {
    db = freshDb();
    const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 'log', fetchFn: netFetch });
    await seedRecords(db, e, 2);
    await runOutbox(db, { fetchFn: netFetch, locks: null });
    const before = (await readOutboxState(db)).checkpoint!;
    await seedRecords(db, e, 2);
    const lying: FetchFn = async (u, i) => {
      if (!u.includes('/api/v1/log/consistency')) return netFetch(u, i);
      const body = await (await netFetch(u, i)).json();
      body.proof = body.proof.map((p: string) => p.replace(/^./, (c) => (c === '0' ? '1' : '0')));
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const r = await runOutbox(db, { fetchFn: lying, locks: null });
    expect(r.status).toBe('sent'); // the records did arrive, under verified receipts
    const state = await readOutboxState(db);
    expect(state.logAlarm?.code).toBe('log-inconsistent');
    expect(state.checkpoint).toEqual(before); // the trusted head stays the old one
  });
});

describe('checkLog', () => {
  const receipt = (logSize: number, logRoot: string): Receipt => ({
    protocol: 'pingyi/1',
    deviceId: 'd',
    throughSeq: 1,
    headHash: '0'.repeat(64),
    receivedAt: '2026-11-21T09:00:00.000Z',
    logSize,
    logRoot,
  });
  const noClient = {} as ServerClient;
  const at = '2026-11-21T10:00:00.000Z';

  it('alarms when the log shrinks or forks at the same size, without asking the server', async () => {
    const prev = { logSize: 10, logRoot: 'a'.repeat(64), seenAt: at, checked: true };
    expect((await checkLog(noClient, prev, receipt(9, 'b'.repeat(64)), at)).kind).toBe('alarm');
    const forked = await checkLog(noClient, prev, receipt(10, 'b'.repeat(64)), at);
    expect(forked.kind === 'alarm' && forked.error.code).toBe('log-forked');
    expect((await checkLog(noClient, prev, receipt(10, 'a'.repeat(64)), at)).kind).toBe('consistent');
    expect((await checkLog(noClient, undefined, receipt(4, 'c'.repeat(64)), at)).kind).toBe('first');
  });

  it('reads proofs in hex or base64url and refuses anything else', () => {
    expect(parseProof({ proof: ['ab'.repeat(32)] })![0]!.length).toBe(32);
    expect(parseProof({ proof: ['A'.repeat(43)] })![0]!.length).toBe(32);
    expect(parseProof({ proof: ['xyz'] })).toBeNull();
    expect(parseProof({})).toBeNull();
  });
});
