// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/protocol/canon';
import type { PingyiDb } from '../../../src/store/db';
import { enrollDevice } from '../../../src/sync/enroll';
import { serverClient, type FetchFn } from '../../../src/sync/http';
import { exportRelay, parseRelayFile, RelayFormatError, relayFileName } from '../../../src/sync/relay';
import { forwardRelay } from '../../../src/sync/relay-forward';
import { runOutbox } from '../../../src/sync/run';
import { readServerKey, type Enrollment } from '../../../src/sync/state';
import { freshDb, issueCode, receivedSeqs, seedRecords, serverRecords, startServer, type TestServer } from './helpers';

let server: TestServer;
const dbs: PingyiDb[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const netFetch: FetchFn = (u, i) => fetch(u, i);

async function tablet(): Promise<{ db: PingyiDb; e: Enrollment }> {
  const db = freshDb('relay');
  dbs.push(db);
  const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 'relay', fetchFn: netFetch });
  return { db, e };
}

describe('relay without network', () => {
  it('exports signed batches and photos; another tablet forwards them unchanged; the origin then gets receipts', async () => {
    const a = await tablet();
    const photo = crypto.getRandomValues(new Uint8Array(5000));
    photo.set([0xff, 0xd8, 0xff]); // a JPEG's signature: the server checks an unsealed photo's bytes
    const sha256 = await sha256Hex(photo);
    await a.db.blobs.put({ sha256, mime: 'image/jpeg', bytes: photo.length, sealed: false, data: new Blob([photo]), uploaded: 0 });
    await seedRecords(a.db, a.e, 230, (i) => (i === 7 ? { attachments: [{ sha256, bytes: photo.length, mime: 'image/jpeg', sealed: false }] } : {}));

    const file = await exportRelay(a.db);
    expect(file).not.toBeNull();
    expect(file!.batches.map((b) => [b.header.fromSeq, b.header.toSeq])).toEqual([
      [1, 200],
      [201, 230],
    ]);
    expect(file!.blobs.map((b) => b.sha256)).toEqual([sha256]);
    expect(relayFileName(file!)).toMatch(/^pingyi-relay-.{8}-1-230\.json$/);
    // Exporting changes nothing on the origin tablet.
    expect(await receivedSeqs(a.db, a.e.deviceId)).toEqual([]);

    // The file travels as text (a USB stick, a chat app) and is read on tablet B.
    const text = JSON.stringify(file);
    const b = await tablet();
    const parsed = await parseRelayFile(text);
    const answers = await forwardRelay(parsed, { client: serverClient(b.e.serverUrl, netFetch), serverKey: await readServerKey(b.db), db: b.db });
    expect(answers.map((x) => x.outcome)).toEqual(['stored', 'accepted', 'accepted']);
    expect(answers[2]!.throughSeq).toBe(230);
    const held = (await serverRecords(server)).filter((r) => r.record.deviceId === a.e.deviceId);
    expect(held).toHaveLength(230);
    expect(held[7]!.record.attachments?.[0]?.sha256).toBe(sha256);

    // Forwarding the same file again is harmless.
    const again = await forwardRelay(parsed, { client: serverClient(b.e.serverUrl, netFetch), serverKey: await readServerKey(b.db) });
    expect(again.map((x) => x.outcome)).toEqual(['stored', 'duplicate', 'duplicate']);

    // Back online, the origin tablet's outbox is answered `duplicate` with receipts and marks all.
    const r = await runOutbox(a.db, { fetchFn: netFetch, locks: null });
    expect(r.status).toBe('sent');
    expect(r.status === 'sent' && r.appended).toBe(0);
    expect(await receivedSeqs(a.db, a.e.deviceId)).toHaveLength(230);
  });

  it("importing its own file marks the origin tablet's records received under verified receipts", async () => {
    const a = await tablet();
    await seedRecords(a.db, a.e, 12);
    const file = await parseRelayFile(JSON.stringify(await exportRelay(a.db)));
    await forwardRelay(file, { client: serverClient(a.e.serverUrl, netFetch), serverKey: await readServerKey(a.db), db: a.db });
    expect(await receivedSeqs(a.db, a.e.deviceId)).toHaveLength(12);
    expect(await exportRelay(a.db)).toBeNull();
  });

  it('a tampered file is refused: by the reader for a damaged photo, by the server for an altered record', async () => {
    const a = await tablet();
    const photo = new Uint8Array(100).fill(7);
    photo.set([0xff, 0xd8, 0xff]);
    const sha256 = await sha256Hex(photo);
    await a.db.blobs.put({ sha256, mime: 'image/jpeg', bytes: 100, sealed: false, data: new Blob([photo]), uploaded: 0 });
    await seedRecords(a.db, a.e, 3, (i) => (i === 0 ? { attachments: [{ sha256, bytes: 100, mime: 'image/jpeg', sealed: false }] } : {}));
    const file = (await exportRelay(a.db))!;

    const damaged = structuredClone(file);
    damaged.blobs[0]!.data = damaged.blobs[0]!.data.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(parseRelayFile(JSON.stringify(damaged))).rejects.toBeInstanceOf(RelayFormatError);
    await expect(parseRelayFile('{"format":"something-else"}')).rejects.toThrow(/relay file/);
    await expect(parseRelayFile('not json')).rejects.toThrow(/not JSON/);

    const altered = structuredClone(file);
    (altered.batches[0]!.records[1]!.body as Record<string, unknown>).overall = 'dissatisfied';
    const answers = await forwardRelay(altered, { client: serverClient(a.e.serverUrl, netFetch), serverKey: await readServerKey(a.db) });
    expect(answers.map((x) => x.outcome)).toEqual(['stored', 'refused']);
    expect(answers[1]!.code).toBe('bad-chain');
    expect((await serverRecords(server)).filter((r) => r.record.deviceId === a.e.deviceId)).toHaveLength(0);
  });

  it('lists the batches after a network failure as not sent', async () => {
    const a = await tablet();
    await seedRecords(a.db, a.e, 250);
    const file = (await exportRelay(a.db))!;
    const down: FetchFn = () => Promise.reject(new TypeError('offline'));
    const answers = await forwardRelay(file, { client: serverClient(a.e.serverUrl, down), serverKey: null });
    expect(answers.map((x) => x.outcome)).toEqual(['retry', 'not-sent']);
  });
});
