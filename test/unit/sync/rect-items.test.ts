// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../../src/domain/ids';
import { shanghaiDay } from '../../../src/domain/review';
import type { PingyiDb } from '../../../src/store/db';
import { loadDeviceKey } from '../../../src/store/device-key';
import { storedRectItems } from '../../../src/store/rect-items';
import { SealError, sealDraft } from '../../../src/store/seal';
import { enrollDevice } from '../../../src/sync/enroll';
import { serverClient, type FetchFn } from '../../../src/sync/http';
import { followRectItems, type RectItemsContext } from '../../../src/sync/rect-items';
import { runOutbox } from '../../../src/sync/run';
import { freshDb, issueCode, startServer, type TestServer } from './helpers';

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

const fetchFn: FetchFn = (u, i) => fetch(u, i);
const day = (offset: number) => shanghaiDay(Date.now() + offset * 86_400_000);
const newItem = (unitId: string, problem: string, deadline = day(7)) =>
  server.admin<{ id: string }>('POST', '/api/v1/admin/campaigns/demo/rectifications', { unitId, problem, sources: [], deadline });

async function enrolled(f: FetchFn = fetchFn): Promise<RectItemsContext & { collector: string }> {
  db = freshDb('rect');
  const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 't', fetchFn });
  return {
    db,
    client: serverClient(server.url, f),
    deviceId: e.deviceId,
    campaignId: e.campaignId,
    alg: e.alg,
    key: (await loadDeviceKey(db))!,
    collector: e.collector,
  };
}

function followupDraft(ctx: { deviceId: string }, body: Record<string, unknown>) {
  const now = Date.now();
  return {
    id: uuidv7(),
    campaignId: 'demo',
    deviceId: ctx.deviceId,
    type: 'followup' as const,
    body: { verdict: 'partly', note: '门口仍有乱停车', visitedAt: isoTime(now - 60_000), ...body },
    createdAt: isoTime(now - 30_000),
    firstAnswerAt: now - 20_000,
    updatedAt: now - 20_000,
  };
}

describe('rectification items on the tablet', () => {
  it('keeps the open items fetched at sync, replaces them at the next, and keeps them when the server cannot say', async () => {
    const a = await newItem('brigade1', '执法态度粗暴');
    const b = await newItem('office', '窗口排队时间长', day(-2));
    const ctx = await enrolled();
    expect(await followRectItems(ctx)).toBeGreaterThanOrEqual(2);
    const kept = await storedRectItems(db, 'demo');
    expect(kept.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await storedRectItems(db, 'demo', 'office')).map((i) => i.id)).toContain(b.id);

    await server.admin('POST', `/api/v1/admin/campaigns/demo/rectifications/${b.id}/close`, { reason: '已整改' });
    await followRectItems(ctx);
    expect((await storedRectItems(db, 'demo')).map((i) => i.id)).not.toContain(b.id);

    const offline: FetchFn = () => Promise.reject(new TypeError('Failed to fetch'));
    const before = await storedRectItems(db, 'demo');
    expect(await followRectItems({ ...ctx, client: serverClient(server.url, offline) }).catch(() => 'threw')).not.toBe(0);
    expect(await storedRectItems(db, 'demo')).toEqual(before);
    // An answer that is not of the protocol's shape changes nothing either.
    const odd: FetchFn = async () =>
      new Response(JSON.stringify({ items: [{ id: '../x', unitId: 'office', problem: 'p', deadline: 'soon' }] }), { status: 200 });
    expect(await followRectItems({ ...ctx, client: serverClient(server.url, odd) })).toBeUndefined();
    expect(await storedRectItems(db, 'demo')).toEqual(before);
  });

  it('seals a follow-up of a kept item offline, refuses an unknown item or another unit, and the sync delivers it to the office', async () => {
    const item = await newItem('brigade2', '占道经营未清理');
    const ctx = await enrolled();
    await followRectItems(ctx);
    const seal = (body: Record<string, unknown>) =>
      sealDraft(followupDraft(ctx, body), { db, campaign: DEMO_CAMPAIGN, collector: ctx.collector, practice: false });

    await expect(seal({ itemId: 'not-kept', unitId: 'brigade2' })).rejects.toMatchObject({ problems: [{ path: '/body/itemId' }] });
    await expect(seal({ itemId: item.id, unitId: 'brigade1' })).rejects.toBeInstanceOf(SealError);
    await expect(seal({ itemId: item.id, unitId: 'brigade1' })).rejects.toMatchObject({ problems: [{ path: '/body/unitId' }] });
    const stored = await seal({ itemId: item.id, unitId: 'brigade2' });
    expect(stored.unitIds).toEqual(['brigade2']);

    expect((await runOutbox(db, { fetchFn, locks: null })).status).toBe('sent');
    const list = await server.admin<{ items: { id: string; followups: { hash: string; verdict: string }[] }[] }>(
      'GET',
      '/api/v1/admin/campaigns/demo/rectifications?unitId=brigade2',
    );
    expect(list.items.find((i) => i.id === item.id)!.followups).toMatchObject([{ hash: stored.hash, verdict: 'partly' }]);
  });
});
