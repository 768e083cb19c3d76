// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { loadDeviceKey } from '../../../src/store/device-key';
import type { PingyiDb } from '../../../src/store/db';
import { followCampaign, markCampaignUpdateSeen, unseenCampaignUpdate, type FollowContext } from '../../../src/sync/campaign-follow';
import { enrollDevice } from '../../../src/sync/enroll';
import { serverClient, type FetchFn } from '../../../src/sync/http';
import { runOutbox } from '../../../src/sync/run';
import { readServerKey } from '../../../src/sync/state';
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

const fetchFn: FetchFn = (u, i) => fetch(u, i);
const iso = () => new Date().toISOString();

/** A fresh tablet enrolled in the demo campaign, and the context followCampaign needs. */
async function enrolled(f: FetchFn = fetchFn): Promise<FollowContext> {
  db = freshDb('follow');
  const e = await enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 't', fetchFn });
  return {
    db,
    client: serverClient(server.url, f),
    deviceId: e.deviceId,
    campaignId: e.campaignId,
    alg: e.alg,
    key: (await loadDeviceKey(db))!,
    serverKey: (await readServerKey(db))!,
    iso,
  };
}

const current = () => server.admin<typeof DEMO_CAMPAIGN>('GET', '/api/v1/admin/campaigns/demo');
const putDemo = async (change: (c: typeof DEMO_CAMPAIGN) => typeof DEMO_CAMPAIGN) => {
  const { version: _v, ...c } = await current();
  return server.admin<{ version: number }>('PUT', '/api/v1/admin/campaigns/demo', change(c as typeof DEMO_CAMPAIGN));
};

describe('the tablet follows its campaign', () => {
  it('takes a newer version once, with what changed, and keeps the same version untouched', async () => {
    const ctx = await enrolled();
    expect(await followCampaign(ctx)).toEqual({ kind: 'same' });
    expect(await unseenCampaignUpdate(db)).toBeUndefined();
    const before = (await db.campaigns.get('demo'))!.definition.version!;
    await putDemo((c) => ({ ...c, units: [...c.units, { id: 'hall', name: '便民服务大厅', category: '窗口单位' }] }));
    const r = await followCampaign(ctx);
    expect(r.kind).toBe('updated');
    const stored = (await db.campaigns.get('demo'))!.definition;
    expect(stored.version).toBe(before + 1);
    expect(stored.units.at(-1)).toEqual({ id: 'hall', name: '便民服务大厅', category: '窗口单位' });
    const notice = await unseenCampaignUpdate(db);
    expect(notice).toMatchObject({ campaignId: 'demo', from: before, to: before + 1, changes: [{ kind: 'unit-added', id: 'hall', name: '便民服务大厅' }] });
    await markCampaignUpdateSeen(db);
    expect(await unseenCampaignUpdate(db)).toBeUndefined();
    expect(await followCampaign(ctx)).toEqual({ kind: 'same' });
  });

  it('refuses an answer not signed by the server key pinned at enrollment, keeping the stored version', async () => {
    const tampering: FetchFn = async (u, i) => {
      const res = await fetch(u, i);
      if (!new URL(u).pathname.startsWith('/api/v1/campaigns/')) return res;
      const body = await res.json();
      body.campaign = { ...body.campaign, version: body.campaign.version + 1, units: body.campaign.units.slice(1) };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const ctx = await enrolled(tampering);
    const before = await db.campaigns.get('demo');
    expect(await followCampaign(ctx)).toEqual({ kind: 'failed', reason: 'bad-signature' });
    expect(await db.campaigns.get('demo')).toEqual(before);
    expect(await unseenCampaignUpdate(db)).toBeUndefined();
  });

  it('is part of every sync run, after the records are sent; an unreachable campaign fetch fails nothing', async () => {
    const log: string[] = [];
    const ctx = await enrolled();
    const e = { deviceId: ctx.deviceId, collector: 'zhang-wei', campaignId: 'demo' };
    await seedRecords(db, e, 2);
    await putDemo((c) => ({ ...c, name: c.name + '（修订）' }));
    const r = await runOutbox(db, { fetchFn: loggingFetch(log), locks: null, manual: true });
    expect(r.status).toBe('sent');
    expect(log.indexOf(`GET /api/v1/campaigns/demo`)).toBeGreaterThan(log.indexOf('POST /api/v1/batches'));
    expect((await db.campaigns.get('demo'))!.definition.name).toMatch(/（修订）$/);
    expect((await unseenCampaignUpdate(db))?.changes).toEqual([{ kind: 'field', field: 'name' }]);

    const noCampaign: FetchFn = (u, i) => (new URL(u).pathname.startsWith('/api/v1/campaigns/') ? Promise.reject(new TypeError('offline')) : fetch(u, i));
    await seedRecords(db, e, 1);
    expect((await runOutbox(db, { fetchFn: noCampaign, locks: null, manual: true })).status).toBe('sent');
  });
});
