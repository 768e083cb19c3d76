import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawPicks } from '../../src/domain/draw';
import type { RosterPerson } from '../../src/domain/roster';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, f2fs } from './device';
import { availableBackends, serverProgram, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, signIn } from './helpers';
import { OTHER_CAMPAIGN, send } from './office-fixture';

const backends = await availableBackends();

const person = (id: string, group: string, status: RosterPerson['status'] = 'approved', extra: Partial<RosterPerson> = {}): RosterPerson => ({
  id,
  name: `代表${id}`,
  group,
  source: '人大代表',
  status,
  ...extra,
});
const ROSTER: RosterPerson[] = [
  ...Array.from({ length: 12 }, (_, i) => person(`e${i}`, 'expert', i % 4 === 3 ? 'candidate' : 'approved', { recommendedBy: '区人大' })),
  ...Array.from({ length: 8 }, (_, i) => person(`p${i}`, 'public', 'approved', { units: ['brigade1'] })),
  person('c0', 'client', 'appointed', { contact: { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' } }),
];
const SEED = 'ab'.repeat(32);

describe.each(backends.map((b) => [b.name, b] as const))('representatives: roster, draws, quotas, progress (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    expect((await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: OTHER_CAMPAIGN })).status).toBeLessThan(300);
    for (const [username, role] of [
      ['wang.admin', 'office-admin'],
      ['zhao.coord', 'coordinator'],
    ] as const) {
      const body = { username, role, displayName: username, password: 'correct horse battery' };
      expect((await server.admin('/api/v1/admin/users', { body })).status).toBe(201);
      cookies[role] = await signIn(server, username, body.password);
    }
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  const call = async (role: string, path: string, method = 'GET', body?: unknown) => {
    const change = method !== 'GET';
    const res = await fetch(server.url + path, {
      method,
      headers: { cookie: cookies[role]!, ...(change ? { 'content-type': 'application/json', origin: server.url } : {}) },
      ...(change ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
  const putRoster = (people: unknown, campaign = 'demo') => server.admin(`/api/v1/admin/campaigns/${campaign}/roster`, { method: 'PUT', body: { people } });

  it('stores the roster as given, logs the change without contacts, and logs nothing when unchanged', async () => {
    const r = await putRoster(ROSTER);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ size: ROSTER.length, changed: ROSTER.length, removed: 0, revokedDevices: [] });
    expect((await server.admin('/api/v1/admin/campaigns/demo/roster')).body).toEqual({ people: ROSTER });
    const actions = (await storedActions(server, 'demo')).filter((a) => a.action.action === 'roster');
    expect(actions).toHaveLength(1);
    expect(JSON.stringify(actions[0].action.data)).not.toContain('Q0lQSEVSVEVYVA');
    expect(actions[0].action.data.changed.find((p: any) => p.id === 'c0')).toMatchObject({ id: 'c0', hasContact: true });
    expect((await putRoster(ROSTER)).body.changed).toBe(0);
    expect((await storedActions(server, 'demo')).filter((a) => a.action.action === 'roster')).toHaveLength(1);
    // The other campaign's roster is its own.
    expect((await server.admin('/api/v1/admin/campaigns/other/roster')).body).toEqual({ people: [] });
  });

  it('refuses a bad roster with a code, a sentence and a path, and stores nothing of it', async () => {
    const bad: [unknown, string][] = [
      [[...ROSTER, person('e0', 'expert')], ''],
      [[person('x1', 'nobody')], '/people/0/group'],
      [[person('x1', 'expert', 'approved', { units: ['nowhere'] })], '/people/0/units/0'],
      [[person('x1', 'expert', 'disqualified')], '/people/0/reason'],
      [[{ ...person('x1', 'expert'), phone: '123' }], '/people/0'],
      [[person('bad id!', 'expert')], '/people/0/id'],
      [[person('x1', 'expert', 'approved', { name: '' })], '/people/0/name'],
      [Array.from({ length: 5001 }, (_, i) => person(`m${i}`, 'expert')), '/people'],
    ];
    for (const [people, path] of bad) {
      const r = await putRoster(people);
      expectError(r, 422, 'invalid-roster');
      expect(r.body.message).toMatch(/\S+ \S+/);
      if (path) expect(r.body.path).toBe(path);
    }
    expect((await putRoster({ not: 'a list' })).body.error).toBe('invalid-roster');
    expect((await server.admin('/api/v1/admin/campaigns/demo/roster')).body.people).toEqual(ROSTER);
    expectError(await putRoster(ROSTER, 'nowhere'), 404, 'not-found');
  });

  it('refuses an oversized roster body with 413 and stores nothing', async () => {
    const huge = Array.from({ length: 4000 }, (_, i) => person(`h${i}`, 'expert', 'approved', { reason: 'x'.repeat(1500) }));
    const r = await putRoster(huge);
    expectError(r, 413, 'too-large');
    expect((await server.admin('/api/v1/admin/campaigns/demo/roster')).body.people).toHaveLength(ROSTER.length);
  });

  it('draws by the rule of PROTOCOL.md, logs the draw and lists it; the export recomputes it', async () => {
    const r = await server.admin('/api/v1/admin/campaigns/demo/draws', { body: { seed: SEED, strata: { expert: 4, public: 2 } } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.seed).toBe(SEED);
    expect(r.body.picked).toEqual(drawPicks(ROSTER, SEED, { expert: 4, public: 2 }));
    expect(r.body.picked.expert).toHaveLength(4);
    for (const id of r.body.picked.expert) expect(ROSTER.find((p) => p.id === id)!.status).toBe('approved');
    const listed = (await server.admin('/api/v1/admin/campaigns/demo/draws')).body.draws;
    expect(listed[0]).toMatchObject({ drawId: r.body.drawId, seed: SEED, strata: { expert: 4, public: 2 }, picked: r.body.picked });
    const action = (await storedActions(server, 'demo')).find((a) => a.action.action === 'draw');
    expect(action.action.data).toMatchObject({ drawId: r.body.drawId, seed: SEED, picked: r.body.picked });

    const jsonl = await (
      await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).text();
    const lines = jsonl.trimEnd().split('\n');
    expect((await verifyExportLines(lines)).find((c) => c.name === 'draws')).toMatchObject({ ok: true, problems: [] });
    // A changed pick in the log fails the recomputation (and the log root).
    const forged = lines.map((l) => (l.includes('"action":"draw"') ? l.replace(`"${r.body.picked.expert[0]}"`, '"e3"') : l));
    expect(forged).not.toEqual(lines);
    expect((await verifyExportLines(forged)).find((c) => c.name === 'draws')!.ok).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'pingyi-draw-'));
    try {
      const run = (text: string) => {
        writeFileSync(join(dir, 'e.jsonl'), text);
        return spawnSync(process.execPath, [serverProgram('verify'), 'draw', join(dir, 'e.jsonl')], { encoding: 'utf8' });
      };
      const ok = run(jsonl);
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toContain(`PASS  draw ${r.body.drawId}`);
      expect(ok.stdout).toContain(`expert: ${r.body.picked.expert.join(', ')}`);
      const bad = run(forged.join('\n') + '\n');
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`FAIL  draw ${r.body.drawId}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a draw it cannot make, and draws nothing', async () => {
    const before = (await server.admin('/api/v1/admin/campaigns/demo/draws')).body.draws.length;
    const draw = (body: unknown) => server.admin('/api/v1/admin/campaigns/demo/draws', { body });
    expectError(await draw({ seed: SEED, strata: { expert: 10 } }), 422, 'invalid-draw');
    expect((await draw({ seed: SEED, strata: { expert: 10 } })).body).toMatchObject({ path: '/strata/expert', approved: 9 });
    expectError(await draw({ seed: SEED, strata: { nobody: 1 } }), 422, 'invalid-draw');
    expectError(await draw({ seed: 'XYZ', strata: { expert: 1 } }), 422, 'invalid-draw');
    expectError(await draw({ seed: SEED, strata: { expert: 0 } }), 422, 'invalid-draw');
    expectError(await draw({ seed: SEED, strata: { expert: -1 } }), 422, 'invalid-draw');
    expectError(await draw({ seed: SEED, strata: { expert: 1 }, extra: 1 }), 422, 'invalid-draw');
    expectError(await server.admin('/api/v1/admin/campaigns/other/draws', { body: { seed: SEED, strata: { expert: 1 } } }), 422, 'invalid-draw');
    expect((await server.admin('/api/v1/admin/campaigns/demo/draws')).body.draws).toHaveLength(before);
  });

  it('binds an enrollment code to a roster person, and refuses unknown or ineligible people', async () => {
    const issue = (body: Record<string, unknown>) =>
      server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', ...body } });
    expectError(await issue({ personId: 'nobody' }), 422, 'unknown-person');
    expectError(await issue({ personId: 'e3' }), 409, 'person-not-eligible'); // a candidate
    expectError(await issue({ personId: 'p0', collector: '张三' }), 400, 'malformed');
    expectError(await issue({}), 400, 'malformed');
    // A person of the demo roster is unknown to the other campaign.
    expectError(
      await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'other', role: 'representative', personId: 'p0' } }),
      422,
      'unknown-person',
    );
    const ok = await issue({ personId: 'p0' });
    expect(ok.status).toBe(201);
    const device = await enrollDevice(server, 'Ed25519', 'demo', ok.body.code);
    expect(device.collector).toBe('p0');
  });

  it('disqualifying a person revokes their tablets at once and expires their unused codes', async () => {
    const tablet = await enrollDevice(
      server,
      'ES256',
      'demo',
      (await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', personId: 'p1' } })).body.code,
    );
    const unused = (await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', personId: 'p1' } })).body.code;
    const other = await enrollDevice(
      server,
      'Ed25519',
      'demo',
      (await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', personId: 'p2' } })).body.code,
    );
    await send(tablet, await f2fs(tablet, 2));
    const roster = ROSTER.map((p) => (p.id === 'p1' ? { ...p, status: 'disqualified' as const, reason: '违反八个严禁：代填问卷' } : p));
    const r = await putRoster(roster);
    expect(r.status).toBe(200);
    expect(r.body.revokedDevices).toEqual([tablet.deviceId]);
    expectError(await tablet.send(await tablet.batch(await f2fs(tablet, 1))), 403, 'revoked-device');
    await send(other, await f2fs(other, 1));
    const enroll = await enrollDevice(server, 'Ed25519', 'demo', unused).catch((e: Error) => e.message);
    expect(enroll).toMatch(/410.*code-expired/);
    const revoked = (await storedActions(server, 'demo')).filter((a) => a.action.action === 'revoke-device');
    expect(revoked.at(-1).action.data).toMatchObject({ deviceId: tablet.deviceId, personId: 'p1', reason: '违反八个严禁：代填问卷' });
    // Saying it again revokes nothing more.
    expect((await putRoster(roster)).body.revokedDevices).toEqual([]);
    expectError(
      await server.admin('/api/v1/admin/enrollment-codes', { body: { campaignId: 'demo', role: 'representative', personId: 'p1' } }),
      409,
      'person-not-eligible',
    );
  });

  it('keeps quotas per unit and group, refuses unknown ones, and shows progress to coordinators', async () => {
    const quotas = { brigade1: { public: { quota: 10, issued: 12 }, expert: { quota: 4 } } };
    expectError(
      await server.admin('/api/v1/admin/campaigns/demo/quotas', { method: 'PUT', body: { quotas: { nowhere: { public: { quota: 1 } } } } }),
      422,
      'invalid-quotas',
    );
    expectError(
      await server.admin('/api/v1/admin/campaigns/demo/quotas', { method: 'PUT', body: { quotas: { brigade1: { nobody: { quota: 1 } } } } }),
      422,
      'invalid-quotas',
    );
    expectError(
      await server.admin('/api/v1/admin/campaigns/demo/quotas', { method: 'PUT', body: { quotas: { brigade1: { public: { quota: -1 } } } } }),
      422,
      'invalid-quotas',
    );
    const put = await server.admin('/api/v1/admin/campaigns/demo/quotas', { method: 'PUT', body: { quotas } });
    expect(put.body).toEqual({ changed: true });
    expect((await server.admin('/api/v1/admin/campaigns/demo/quotas', { method: 'PUT', body: { quotas } })).body).toEqual({ changed: false });
    expect((await storedActions(server, 'demo')).filter((a) => a.action.action === 'quotas')).toHaveLength(1);

    // One of p1's questionnaires excluded in review: no longer returned, nor in p1's day.
    const p1Device = (await server.admin('/api/v1/admin/devices?campaignId=demo')).body.devices.find((d: any) => d.collector === 'p1');
    const excluded = await server.admin('/api/v1/admin/campaigns/demo/review', {
      body: { decision: 'exclude', deviceId: p1Device.deviceId, fromSeq: 1, toSeq: 1, reason: '违反八个严禁' },
    });
    expect(excluded.body).toEqual({ decided: 1 });
    const progress = await call('coordinator', '/api/v1/admin/campaigns/demo/progress');
    expect(progress.status).toBe(200);
    const b1 = progress.body.units.find((u: any) => u.unitId === 'brigade1');
    // p1's 2 questionnaires (1 excluded) and p2's 1, all brigade1/public (the device stand-in's default).
    expect(b1.byGroup.public).toEqual({ quota: 10, issued: 12, returned: 2 });
    expect(b1.byGroup.expert).toEqual({ quota: 4, issued: null, returned: 0 });
    expect(progress.body.units.find((u: any) => u.unitId === 'office').byGroup.public).toEqual({ quota: null, issued: null, returned: 0 });
    const p1 = progress.body.collectors.find((c: any) => c.collector === 'p1');
    expect(p1.name).toBe('代表p1');
    expect(Object.values(p1.byDay)).toEqual([1]);
    expect(Object.keys(p1.byDay)[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p1.lastSyncAt).toMatch(/Z$/);
    expect(progress.body.collectors.find((c: any) => c.collector === 'p0')).toMatchObject({ byDay: {}, lastSyncAt: null });
  });

  it('lets only office admins change or read the roster, draws and quotas; coordinators read progress and quotas', async () => {
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/roster')).status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/roster', 'PUT', { people: [] })).status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/draws', 'POST', { seed: SEED, strata: { expert: 1 } })).status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/draws')).status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/quotas', 'PUT', { quotas: {} })).status).toBe(401);
    expect((await call('coordinator', '/api/v1/admin/campaigns/demo/quotas')).status).toBe(200);
    expect((await call('office-admin', '/api/v1/admin/campaigns/demo/roster')).status).toBe(200);
    const noOne = await fetch(`${server.url}/api/v1/admin/campaigns/demo/progress`);
    expect(noOne.status).toBe(401);
    expect((await server.admin('/api/v1/admin/campaigns/nowhere/progress')).status).toBe(404);
    // The roster stays as it was after all that.
    expect((await server.admin('/api/v1/admin/campaigns/demo/roster')).body.people).toHaveLength(ROSTER.length);
  });
});
