import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canon, fromHex, toHex } from '../../src/protocol/canon';
import { leafHash, rootFromInclusionProof, rootFromLeaves } from '../../src/protocol/merkle';
import { f2fs, enrollDevice, issueCode } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, storedRecords, signIn } from './helpers';
import { runAdmin } from '../../src/server/cli/admin';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';

const backends = await availableBackends();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const SCORES = { scores: { brigade1: { network: 90, daily: 80 } }, bonusRanking: ['brigade1'] };

/** The root of the log rebuilt from the two listings: records and office actions in logIndex order. */
async function rebuiltRoot(server: TestServer): Promise<{ size: number; root: string }> {
  const leaves = new Map<number, Uint8Array>();
  for (const r of await storedRecords(server)) leaves.set(r.logIndex, leafHash(canon(r.record)));
  for (const a of await storedActions(server)) {
    expect(leaves.has(a.logIndex)).toBe(false);
    expect(sha256(new TextDecoder().decode(canon(a.action)))).toBe(a.hash);
    leaves.set(a.logIndex, leafHash(canon(a.action)));
  }
  const ordered = Array.from({ length: leaves.size }, (_, i) => leaves.get(i));
  expect(
    ordered.every((l) => l !== undefined),
    'every leaf index from 0 is a record or an action',
  ).toBe(true);
  return { size: ordered.length, root: toHex(rootFromLeaves(ordered as Uint8Array[])) };
}

async function checkpoint(server: TestServer): Promise<{ logSize: number; logRoot: string }> {
  return (await fetch(`${server.url}/api/v1/log/checkpoint`)).json();
}

describe.each(backends.map((b) => [b.name, b] as const))('office actions in the audit log (%s)', (_name, backend) => {
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

  it("begins a new store's log with the demo campaign's version 1, and logs a version Store.putCampaign writes", async () => {
    const [first, ...rest] = await storedActions(server);
    expect(rest).toEqual([]);
    const v1 = (await server.admin('/api/v1/admin/campaigns/demo/versions')).body.versions;
    expect(v1).toEqual([expect.objectContaining({ version: 1, actor: 'server' })]);
    expect(first).toMatchObject({
      logIndex: 0,
      action: { action: 'campaign-version', campaignId: 'demo', actor: 'server', data: { version: 1, hash: v1[0].hash, changes: [] } },
    });
    // Opened again, the store holds the campaign and logs nothing more.
    await server.close();
    server = await startServer(place);
    expect(await storedActions(server)).toEqual([first]);

    const other = { ...DEMO_CAMPAIGN, id: 'scripted', name: '脚本写入的活动' };
    expect(await server.store.putCampaign(other, '2026-06-15T01:00:00.000Z')).toBe(true);
    const renamed = { ...other, name: '脚本改名的活动' };
    expect(await server.store.putCampaign(renamed, '2026-06-15T02:00:00.000Z')).toBe(false);
    expect(await server.store.putCampaign(renamed, '2026-06-15T03:00:00.000Z')).toBe(false);
    const versions = (await server.admin('/api/v1/admin/campaigns/scripted/versions')).body.versions;
    expect((await storedActions(server)).slice(1).map((a) => [a.action.actor, a.action.campaignId, a.action.data])).toEqual([
      ['admin-cli', 'scripted', { version: 1, hash: versions[0].hash, changes: [] }],
      ['admin-cli', 'scripted', { version: 2, hash: versions[1].hash, changes: [{ kind: 'field', field: 'name' }] }],
    ]);
    expect(versions).toHaveLength(2);
  });

  it('logs codes issued, manual scores, revocations and accounts with who did them, never a code or a password', async () => {
    const before = (await storedActions(server)).length;
    const code = await issueCode(server, 'demo', '王五');
    const device = await enrollDevice(server);
    expect((await server.admin('/api/v1/admin/campaigns/demo/manual-scores', { method: 'PUT', body: SCORES })).status).toBe(200);
    expect((await server.admin(`/api/v1/admin/devices/${device.deviceId}/revoke`, { method: 'POST', body: {} })).status).toBe(200);
    // A second revocation changes nothing and logs nothing.
    expect((await server.admin(`/api/v1/admin/devices/${device.deviceId}/revoke`, { method: 'POST', body: {} })).status).toBe(200);
    const person = { username: 'zhao.office', role: 'office-admin', displayName: '赵科长', password: 'a long enough password' };
    expect((await server.admin('/api/v1/admin/users', { body: person })).status).toBe(201);
    const cookie = await signIn(server, person.username, person.password);
    const put = await fetch(`${server.url}/api/v1/admin/campaigns/demo/manual-scores`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ ...SCORES, bonusRanking: [] }),
    });
    expect(put.status).toBe(200);
    expect((await server.admin(`/api/v1/admin/users/${person.username}/disable`, { body: {} })).status).toBe(200);
    expectError(await server.admin(`/api/v1/admin/users/${person.username}/disable`, { body: {} }), 404, 'not-found');
    // The disabled account's session ends.
    expect((await fetch(`${server.url}/api/v1/session`, { headers: { cookie } })).status).toBe(401);

    const actions = (await storedActions(server)).slice(before);
    expect(actions.map((a) => [a.action.action, a.action.actor, a.action.campaignId])).toEqual([
      ['enrollment-code', 'admin-token', 'demo'],
      ['enrollment-code', 'admin-token', 'demo'],
      ['manual-scores', 'admin-token', 'demo'],
      ['revoke-device', 'admin-token', 'demo'],
      ['account-created', 'admin-token', undefined],
      ['manual-scores', 'zhao.office', 'demo'],
      ['account-disabled', 'admin-token', undefined],
    ]);
    for (const a of actions) expect(a.action).toMatchObject({ v: 1, type: 'office', at: expect.stringMatching(/Z$/) });
    const raw = code.replace(/-/g, '');
    expect(actions[0].action.data).toEqual({ codeHash: sha256(raw), role: 'representative', collector: '王五', expiresAt: expect.stringMatching(/Z$/) });
    expect(JSON.stringify(actions)).not.toContain(raw);
    expect(JSON.stringify(actions)).not.toContain(person.password);
    expect(JSON.stringify(actions)).not.toContain('scrypt');
    expect(actions[2].action.data).toEqual({ version: 1, ...SCORES });
    expect(actions[3].action.data).toEqual({ deviceId: device.deviceId, collector: device.collector, label: 'test Ed25519' });
    expect(actions[4].action.data).toEqual({ username: 'zhao.office', role: 'office-admin', displayName: '赵科长' });
    expect(actions[5].action.data).toEqual({ version: 2, ...SCORES, bonusRanking: [] });
    expect(actions[6].action.data).toEqual({ username: 'zhao.office' });
  });

  it('lists records and actions with their leaf index, so that the log rebuilds to the signed checkpoint', async () => {
    const d = await enrollDevice(server, 'ES256');
    const sent = await d.send(await d.batch(await f2fs(d, 5)));
    expect(sent.status).toBe(200);
    expect((await server.admin('/api/v1/admin/campaigns/demo/manual-scores', { method: 'PUT', body: SCORES })).status).toBe(200);
    const head = await checkpoint(server);
    expect(await rebuiltRoot(server)).toEqual({ size: head.logSize, root: head.logRoot });
    const records = await storedRecords(server, d.deviceId);
    expect(records.map((r) => r.logIndex)).toEqual([1, 2, 3, 4, 5].map((i) => records[0].logIndex + i - 1));
  });

  it('pages the actions by leaf index and filters them by campaign', async () => {
    const all = await storedActions(server);
    const first = await server.admin('/api/v1/admin/office-actions?limit=2');
    expect(first.body.actions).toEqual(all.slice(0, 2));
    expect(first.body.next).toBe(all[1].logIndex);
    const second = await server.admin(`/api/v1/admin/office-actions?limit=2&after=${first.body.next}`);
    expect(second.body.actions).toEqual(all.slice(2, 4));
    const demo = await storedActions(server, 'demo');
    expect(demo).toEqual(all.filter((a) => a.action.campaignId === 'demo'));
    expect((await server.admin('/api/v1/admin/office-actions?campaignId=nowhere')).body).toEqual({ actions: [], next: null });
    expectError(await server.admin('/api/v1/admin/office-actions?limit=0'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/office-actions?after=x'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/office-actions?campaignId=a&campaignId=b'), 400, 'malformed');
    const anonymous = await fetch(`${server.url}/api/v1/admin/office-actions`);
    expect(anonymous.status).toBe(401);
  });

  it('commits a mutation and its action together or not at all', async () => {
    const head = await server.store.logHead();
    const actions = (await storedActions(server)).length;
    const mutate = (tx: { db: any }) => tx.db.updateTable('campaigns').set({ updated_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', 'demo').execute();
    const at = '2026-11-21T09:00:00.000Z';
    await expect(
      server.store.officeTx(async (tx) => {
        await mutate(tx);
        await tx.appendAction({ action: 'test-action', campaignId: 'demo', actor: 'admin-token', at, data: {} });
        throw new Error('the office route failed after logging');
      }),
    ).rejects.toThrow('failed after logging');
    await expect(
      server.store.officeTx(async (tx) => {
        await mutate(tx);
        await tx.appendAction({ action: 'Not A Name', actor: 'admin-token', at, data: {} });
      }),
    ).rejects.toThrow(/action/);
    expect(await server.store.logHead()).toEqual(head);
    expect(await storedActions(server)).toHaveLength(actions);
    const campaign = await server.store.db.selectFrom('campaigns').select('updated_at').where('id', '=', 'demo').executeTakeFirstOrThrow();
    expect(campaign.updated_at).not.toBe('2000-01-01T00:00:00.000Z');

    const logged = await server.store.officeTx(async (tx) => {
      await mutate(tx);
      return tx.appendAction({ action: 'test-action', campaignId: 'demo', actor: 'admin-token', at, data: { n: 1 } });
    });
    expect(logged.logIndex).toBe(head.size);
    expect(logged.hash).toBe(sha256(new TextDecoder().decode(canon(logged.action))));
    expect((await server.store.logHead()).size).toBe(head.size + 1);
  });

  it('serialises office actions with batches arriving at the same time', async () => {
    const devices = await Promise.all([enrollDevice(server), enrollDevice(server, 'ES256')]);
    const puts = Array.from({ length: 8 }, (_, i) =>
      server.admin('/api/v1/admin/campaigns/demo/manual-scores', { method: 'PUT', body: { ...SCORES, scores: { brigade1: { network: i, daily: i } } } }),
    );
    const batches = devices.map(async (d) => {
      for (let i = 0; i < 3; i++) {
        const r = await d.send(await d.batch(await f2fs(d, 10)));
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    });
    const answers = await Promise.all(puts);
    await Promise.all(batches);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body.version)).size).toBe(8);
    const head = await checkpoint(server);
    expect(await rebuiltRoot(server)).toEqual({ size: head.logSize, root: head.logRoot });
  });

  it('logs what the admin CLI does as admin-cli', async () => {
    const d = await enrollDevice(server);
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const code = await runAdmin(argv, {
        env: { PINGYI_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl },
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      return { code, out: out.join('\n') };
    };
    expect((await cli('revoke', d.deviceId)).code).toBe(0);
    expect((await cli('enroll-code', '--campaign', 'demo', '--role', 'inspector', '--collector', '钱七')).code).toBe(0);
    const created = await runAdmin(['create-user', 'sun', '--role', 'coordinator'], {
      env: { PINGYI_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl, PINGYI_PASSWORD: 'coordinator password' },
      out: () => {},
      err: () => {},
    });
    expect(created).toBe(0);
    expect((await cli('disable-user', 'sun')).code).toBe(0);
    expect((await cli('disable-user', 'sun')).code).toBe(1);
    const last = (await storedActions(server)).slice(-4);
    expect(last.map((a) => [a.action.action, a.action.actor])).toEqual([
      ['revoke-device', 'admin-cli'],
      ['enrollment-code', 'admin-cli'],
      ['account-created', 'admin-cli'],
      ['account-disabled', 'admin-cli'],
    ]);
    expect(last[0].action.data.deviceId).toBe(d.deviceId);
  });

  it('logs every campaign version and change of vetoes, and no action for an unchanged definition', async () => {
    const before = (await storedActions(server, 'acts')).length;
    const campaign = { ...DEMO_CAMPAIGN, id: 'acts', name: '操作记录评议' };
    const put = (body: unknown) => server.admin('/api/v1/admin/campaigns/acts', { method: 'PUT', body });
    expect((await put(campaign)).status).toBe(201);
    expect((await put(campaign)).status).toBe(200);
    expect((await put({ ...campaign, name: '操作记录评议（改）' })).body).toEqual({ version: 2 });
    const vetoes = await server.admin('/api/v1/admin/campaigns/acts/vetoes', { method: 'PUT', body: { vetoes: { brigade1: '发生重大违纪' } } });
    expect(vetoes.status).toBe(200);
    expect((await server.admin('/api/v1/admin/campaigns/acts/vetoes', { method: 'PUT', body: { vetoes: {} } })).status).toBe(200);
    const actions = (await storedActions(server, 'acts')).slice(before);
    expect(actions.map((a) => [a.action.action, a.action.data.version])).toEqual([
      ['campaign-version', 1],
      ['campaign-version', 2],
      ['vetoes', 1],
      ['vetoes', 2],
    ]);
    const versions = (await server.admin('/api/v1/admin/campaigns/acts/versions')).body.versions;
    expect(actions.slice(0, 2).map((a) => a.action.data.hash)).toEqual(versions.map((v: any) => v.hash));
    expect(actions[2].action.data).toMatchObject({ imposed: { brigade1: '发生重大违纪' }, lifted: [] });
    expect(actions[3].action.data).toMatchObject({ imposed: {}, lifted: ['brigade1'] });
  });

  it('proves the inclusion of an action by its hash, as of a record', async () => {
    const [a] = (await storedActions(server)).slice(-1);
    const res = await fetch(`${server.url}/api/v1/log/inclusion?hash=${a.hash}`);
    expect(res.status).toBe(200);
    const proof = await res.json();
    expect(proof.logIndex).toBe(a.logIndex);
    expect(proof.leafHash).toBe(toHex(leafHash(canon(a.action))));
    const root = rootFromInclusionProof(proof.logIndex, proof.logSize, fromHex(proof.leafHash), proof.proof.map(fromHex));
    expect(toHex(root!)).toBe(proof.logRoot);
  });
});
