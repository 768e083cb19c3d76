import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { signCampaignFetch } from '../../src/protocol/build';
import { H } from '../../src/protocol/canon';
import { verifyServerSig } from '../../src/protocol/receipt';
import { enrollDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { send } from './office-fixture';

const backends = await availableBackends();

const base: Campaign = { ...DEMO_CAMPAIGN, id: 'v2026', name: '2026 年评议' };

describe.each(backends.map((b) => [b.name, b] as const))('campaign versions and guarded changes (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const put = (body: unknown, query = '') => server.admin(`/api/v1/admin/campaigns/v2026${query}`, { method: 'PUT', body });
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('makes version 1 of a new campaign (201), a new version of each change (200), none of an unchanged one', async () => {
    expect(await put(base)).toEqual({ status: 201, body: { version: 1 } });
    expect(await put(base)).toEqual({ status: 200, body: { version: 1 } });
    // The version number sent along is ignored: the definition is what counts.
    expect(await put({ ...base, version: 7 })).toEqual({ status: 200, body: { version: 1 } });
    expect(await put({ ...base, name: '2026 年民主评议' })).toEqual({ status: 200, body: { version: 2 } });
    const served = await server.admin('/api/v1/admin/campaigns/v2026');
    expect(served.body).toMatchObject({ name: '2026 年民主评议', version: 2 });
  });

  it('lists the versions oldest first with who, when and H(definition), and serves each', async () => {
    const { status, body } = await server.admin('/api/v1/admin/campaigns/v2026/versions');
    expect(status).toBe(200);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    for (const v of body.versions) {
      expect(v).toMatchObject({ actor: 'admin-token' });
      expect(Date.parse(v.at)).not.toBeNaN();
      const def = await server.admin(`/api/v1/admin/campaigns/v2026/versions/${v.version}`);
      expect(def.body.version).toBe(v.version);
      expect(await H(def.body)).toBe(v.hash);
    }
    expect((await server.admin('/api/v1/admin/campaigns/v2026/versions/1')).body.name).toBe('2026 年评议');
    expectError(await server.admin('/api/v1/admin/campaigns/v2026/versions/3'), 404, 'not-found');
    expectError(await server.admin('/api/v1/admin/campaigns/v2026/versions/x'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/nope/versions'), 404, 'not-found');
    expect((await server.admin('/api/v1/admin/campaigns/demo/versions')).body.versions).toHaveLength(1);
  });

  it('allows any change while the campaign has no records', async () => {
    const scale = base.scale.map((l) => (l.key === 'very' ? { ...l, score: 95 } : l));
    expect((await put({ ...base, name: '2026 年民主评议', scale, units: base.units.filter((u) => u.id !== 'muck') })).body).toEqual({ version: 3 });
    expect((await put({ ...base, name: '2026 年民主评议' })).body).toEqual({ version: 4 });
  });

  it('once records arrived: a unit with records cannot be removed, only retired', async () => {
    const d = await enrollDevice(server, 'Ed25519', 'v2026');
    await send(d, await d.seal([d.f2f({ unitId: 'brigade1' })]));
    const current = { ...base, name: '2026 年民主评议' };
    const r = await put({ ...current, units: current.units.filter((u) => u.id !== 'brigade1') });
    expectError(r, 409, 'unit-in-use');
    expect(r.body.units).toEqual(['brigade1']);
    // A unit without records may still go.
    expect((await put({ ...current, units: current.units.filter((u) => u.id !== 'muck') })).body).toEqual({ version: 5 });
    const retired = { ...current, units: current.units.filter((u) => u.id !== 'muck').map((u) => (u.id === 'brigade1' ? { ...u, retired: true } : u)) };
    expect((await put(retired)).body).toEqual({ version: 6 });
    expect((await server.admin('/api/v1/admin/campaigns/v2026')).body.units.find((u: { id: string }) => u.id === 'brigade1').retired).toBe(true);
  });

  it('once records arrived: a change that re-scores needs ?confirm=rescore, and the refusal names it', async () => {
    const now = (await server.admin('/api/v1/admin/campaigns/v2026')).body as Campaign;
    const cases: [string, Campaign][] = [
      ['scale-score', { ...now, scale: now.scale.map((l) => (l.key === 'fairly' ? { ...l, score: 85 } : l)) }],
      ['weight', { ...now, raterGroups: now.raterGroups.map((g) => ({ ...g, weight: g.id === 'client' ? 0.5 : g.id === 'expert' ? 0.2 : g.weight })) }],
      ['components', { ...now, scoring: { ...now.scoring, components: now.scoring.components.map((c) => ({ ...c, max: c.id === 'daily' ? 30 : 70 })) } }],
    ];
    for (const [kind, changed] of cases) {
      const r = await put(changed);
      expectError(r, 409, 'rescore-needs-confirm');
      expect(r.body.changes.map((c: { kind: string }) => c.kind)).toContain(kind);
    }
    expect((await server.admin('/api/v1/admin/campaigns/v2026/versions')).body.versions).toHaveLength(6);
    // Labels alone re-score nothing.
    const relabelled = { ...now, scoring: { ...now.scoring, components: now.scoring.components.map((c) => ({ ...c, label: c.label + '（分）' })) } };
    expect((await put(relabelled)).body).toEqual({ version: 7 });
    expect((await put(cases[0]![1], '?confirm=rescore')).body).toEqual({ version: 8 });
    expectError(await put(cases[1]![1], '?confirm=yes'), 400, 'malformed');
  });

  it('refuses invalid definitions and a mismatched id, storing nothing', async () => {
    const bad = await put({ ...base, raterGroups: [{ id: 'a', label: 'A', weight: 0.5 }] });
    expectError(bad, 400, 'malformed');
    expect(bad.body.path).toBe('/raterGroups');
    expectError(await put({ ...base, previous: 'v2026' }), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/other-id', { method: 'PUT', body: base }), 400, 'malformed');
    // An encryption key off the curve would make every covert finding fail to seal on the tablets.
    const key = base.encryptionKey!;
    const offCurve = await put({ ...base, encryptionKey: { ...key, y: key.x } });
    expectError(offCurve, 400, 'malformed');
    expect(offCurve.body.path).toBe('/encryptionKey');
    expectError(await put({ ...base, encryptionKey: { ...key, x: 'a' } }), 400, 'malformed');
    expect((await server.admin('/api/v1/admin/campaigns/v2026/versions')).body.versions).toHaveLength(8);
  });

  it('keeps vetoes with their history, lifting included, and refuses unknown units or empty reasons', async () => {
    const pv = (body: unknown) => server.admin('/api/v1/admin/campaigns/v2026/vetoes', { method: 'PUT', body });
    expectError(await pv({ vetoes: { nowhere: '违纪' } }), 400, 'malformed');
    expectError(await pv({ vetoes: { brigade2: '  ' } }), 400, 'malformed');
    expectError(await pv({ vetoes: {}, extra: 1 }), 400, 'malformed');
    expect((await server.admin('/api/v1/admin/campaigns/v2026/vetoes')).body).toMatchObject({ vetoes: {}, version: 0 });
    expect((await pv({ vetoes: { brigade2: '发生严重违纪问题' } })).body).toMatchObject({ version: 1 });
    expect((await server.admin('/api/v1/admin/campaigns/v2026/vetoes')).body).toMatchObject({
      vetoes: { brigade2: '发生严重违纪问题' },
      version: 1,
      setBy: 'admin-token',
    });
    expect((await pv({ vetoes: {} })).body).toMatchObject({ version: 2 });
    expect((await server.admin('/api/v1/admin/campaigns/v2026/vetoes')).body.vetoes).toEqual({});
    expectError(await server.admin('/api/v1/admin/campaigns/nope/vetoes', { method: 'PUT', body: { vetoes: {} } }), 404, 'not-found');
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('the tablet fetches its campaign, signed both ways (%s)', (_name, backend) => {
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
  const fetchAs = (campaignId: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/campaigns/${campaignId}`, { headers }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('answers the version in force with the server signature; 401 without or with a bad signature', async () => {
    const d = await enrollDevice(server);
    const sig = await signCampaignFetch(d, 'demo');
    const ok = await fetchAs('demo', { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': sig });
    expect(ok.status).toBe(200);
    expect(ok.body.campaign).toMatchObject({ id: 'demo', version: 1 });
    expect(await verifyServerSig(ok.body.campaign, ok.body.serverSig, server.signer.jwk)).toBe(true);

    const units = [...DEMO_CAMPAIGN.units, { id: 'newunit', name: '新设单位', category: '窗口单位' }];
    expect((await server.admin('/api/v1/admin/campaigns/demo', { method: 'PUT', body: { ...DEMO_CAMPAIGN, units } })).body).toEqual({ version: 2 });
    const next = await fetchAs('demo', { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': sig });
    expect(next.body.campaign.version).toBe(2);
    expect(next.body.campaign.units.at(-1).id).toBe('newunit');

    expectError(await fetchAs('demo', { 'x-pingyi-device': d.deviceId }), 401, 'bad-signature');
    expectError(await fetchAs('demo', { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': await signCampaignFetch(d, 'other') }), 401, 'bad-signature');
    expectError(await fetchAs('demo', {}), 401, 'unknown-device');
    const other = await enrollDevice(server);
    expectError(await fetchAs('demo', { 'x-pingyi-device': other.deviceId, 'x-pingyi-sig': sig }), 401, 'bad-signature');
  });

  it('gives a device only its own campaign, and nothing once revoked', async () => {
    await server.admin('/api/v1/admin/campaigns/v2026', { method: 'PUT', body: base });
    const d = await enrollDevice(server);
    const r = await fetchAs('v2026', { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': await signCampaignFetch(d, 'v2026') });
    expectError(r, 404, 'not-found');
    await server.admin(`/api/v1/admin/devices/${d.deviceId}/revoke`, { method: 'POST', body: {} });
    expectError(await fetchAs('demo', { 'x-pingyi-device': d.deviceId, 'x-pingyi-sig': await signCampaignFetch(d, 'demo') }), 403, 'revoked-device');
  });
});
