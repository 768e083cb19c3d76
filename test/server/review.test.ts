import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime } from '../../src/domain/ids';
import type { PingyiRecord, UnsealedRecord } from '../../src/domain/records';
import { chainRecords } from '../../src/protocol/build';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { DEMO_RATINGS, enrollDevice, H, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { send } from './office-fixture';

const backends = await availableBackends();
const ratings = (level: string) => Object.fromEntries(Object.keys(DEMO_RATINGS).map((d) => [d, level]));

/** Seals questionnaires at chosen times: each takes `durationMs`, from createdAt to sealedAt. */
async function sealAt(device: TestDevice, items: { sealedAt: number; durationMs: number; body: Record<string, unknown> }[]): Promise<PingyiRecord[]> {
  const unsealed: UnsealedRecord[] = items.map((x) => ({
    ...device.f2f({ ...x.body, durationMs: x.durationMs }),
    createdAt: isoTime(x.sealedAt - x.durationMs),
  }));
  const { records, headHash } = await chainRecords(unsealed, {
    startSeq: device.sealedSeq + 1,
    prevHash: device.sealedHash,
    sealedAt: (i) => isoTime(items[i]!.sealedAt),
  });
  device.sealedSeq += records.length;
  device.sealedHash = headHash;
  return records;
}

const rankOrder = (tally: any) => tally.units.map((u: any) => [u.unitId, u.rank]);
const unit = (tally: any, id: string) => tally.units.find((u: any) => u.unitId === id);

describe.each(backends.map((b) => [b.name, b] as const))('held questionnaires and the office review (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let attacker: TestDevice;
  let attack: PingyiRecord[];
  let honestRanks: unknown;
  const tally = async () => (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
  const review = (state = 'held', extra = '') => server.admin(`/api/v1/admin/campaigns/demo/review?state=${state}&limit=1000${extra}`);
  const decide = (body: unknown) => server.admin('/api/v1/admin/campaigns/demo/review', { body });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const now = Date.now();
    // Honest work: one device per unit, a 65-second questionnaire every 70 s (within the 20 minutes
    // that a device enrolled now may date its records in).
    const levels: Record<string, string> = { brigade1: 'very', brigade2: 'fairly', office: 'less' };
    for (const [unitId, level] of Object.entries(levels)) {
      const d = await enrollDevice(server);
      await send(
        d,
        await sealAt(
          d,
          Array.from({ length: 15 }, (_, i) => ({
            sealedAt: now - 8 * 60_000 + i * 70_000,
            durationMs: 65_000,
            body: { unitId, overall: level, ratings: ratings(level) },
          })),
        ),
      );
    }
    honestRanks = rankOrder(await tally());
    // The attack, at a smaller scale: one enrolled tablet, 300 signed questionnaires for the
    // last-placed unit in one go, 95-second interviews sealed 2 s apart.
    attacker = await enrollDevice(server);
    attack = await sealAt(
      attacker,
      Array.from({ length: 300 }, (_, i) => ({
        sealedAt: now - 7.5 * 60_000 + i * 2000,
        durationMs: 95_000,
        body: { unitId: 'office', overall: 'very', ratings: ratings('very') },
      })),
    );
    await send(attacker, attack.slice(0, 150));
    await send(attacker, attack.slice(150));
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('stores, logs and receipts every questionnaire, holds what goes past the limits, and the ranking does not move', async () => {
    const t = await tally();
    expect(t.provisional).toBe(true);
    expect(unit(t, 'office').counts).toEqual({ counted: 15 + 9, held: 291, excluded: 0 });
    expect(unit(t, 'brigade1').counts).toEqual({ counted: 15, held: 0, excluded: 0 });
    expect(rankOrder(t)).toEqual(honestRanks);
    expect((await server.admin('/api/v1/admin/records?campaignId=demo&limit=1000')).body.records).toHaveLength(45 + 300);
    const held = (await review()).body.records;
    expect(held).toHaveLength(291);
    expect(held[0]).toMatchObject({
      hash: await H(attack[9]!),
      deviceId: attacker.deviceId,
      seq: 10,
      collector: attacker.collector,
      unitId: 'office',
      sealedAt: attack[9]!.sealedAt,
      reasons: ['burst'],
      state: 'held',
    });
  });

  it('flags the device and its collector on the server evidence', async () => {
    const q = (await server.admin('/api/v1/admin/campaigns/demo/data-quality')).body;
    const device = q.devices.find((d: any) => d.deviceId === attacker.deviceId);
    expect(device.flags).toEqual(expect.arrayContaining(['high-rate', 'bursts', 'identical-answers', 'overlapping-times', 'impossible-spacing', 'held']));
    expect(device).toMatchObject({ questionnaires: 300, held: 291, impossibleSpacing: { count: 299, longestRun: 300 } });
    expect(device.overlapping.count).toBe(300);
    const honest = q.devices.filter((d: any) => d.deviceId !== attacker.deviceId);
    // (Each honest device here gives one unit the same answers: only that is flagged.)
    expect(honest.map((d: any) => d.flags)).toEqual([['identical-answers'], ['identical-answers'], ['identical-answers']]);
    expect(q.collectors.find((c: any) => c.collector === attacker.collector).flags).toContain('overlapping-times');
  });

  it('refuses a decision naming an unknown hash, one with an empty reason, or accepting a counted questionnaire, and decides nothing', async () => {
    const heldHash = await H(attack[10]!);
    expectError(await decide({ decision: 'exclude', hashes: [heldHash, 'ab'.repeat(32)], reason: '核实为伪造' }), 422, 'invalid-decision');
    expectError(await decide({ decision: 'exclude', hashes: [heldHash], reason: '  ' }), 422, 'invalid-decision');
    expectError(await decide({ decision: 'accept', hashes: [heldHash, await H(attack[0]!)], reason: '核实' }), 422, 'invalid-decision');
    expectError(await decide({ decision: 'accept', deviceId: attacker.deviceId, fromSeq: 1, toSeq: 9, reason: '核实' }), 422, 'invalid-decision');
    expectError(
      await decide({ decision: 'accept', hashes: [heldHash], deviceId: attacker.deviceId, fromSeq: 1, toSeq: 9, reason: '核实' }),
      422,
      'invalid-decision',
    );
    expect(unit(await tally(), 'office').counts).toEqual({ counted: 24, held: 291, excluded: 0 });
    expect((await server.admin('/api/v1/admin/office-actions?campaignId=demo')).body.actions.filter((a: any) => a.action.action === 'review-decision')).toEqual(
      [],
    );
  });

  it('accepts one, excludes a device range, and the tally follows', async () => {
    expect((await decide({ decision: 'accept', hashes: [await H(attack[10]!)], reason: '电话回访属实' })).body).toEqual({ decided: 1 });
    let t = await tally();
    expect(unit(t, 'office').counts).toEqual({ counted: 25, held: 290, excluded: 0 });
    expect((await review('accepted')).body.records.map((r: any) => r.seq)).toEqual([11]);
    const r = await decide({ decision: 'exclude', deviceId: attacker.deviceId, fromSeq: 1, toSeq: 300, reason: '同一设备5秒内上传，核实为伪造' });
    expect(r.body).toEqual({ decided: 300 });
    // Each decision is an office action, a leaf of the audit log naming every questionnaire it decided.
    const actions = (await server.admin('/api/v1/admin/office-actions?campaignId=demo')).body.actions.filter((a: any) => a.action.action === 'review-decision');
    expect(actions.map((a: any) => [a.action.data.decision, a.action.data.hashes.length, a.action.data.reason, a.action.actor])).toEqual([
      ['accept', 1, '电话回访属实', 'admin-token'],
      ['exclude', 300, '同一设备5秒内上传，核实为伪造', 'admin-token'],
    ]);
    expect(actions[1].action.data.range).toEqual({ deviceId: attacker.deviceId, fromSeq: 1, toSeq: 300 });
    expect(actions[0].action.data.hashes).toEqual([await H(attack[10]!)]);
    t = await tally();
    expect(unit(t, 'office').counts).toEqual({ counted: 15, held: 0, excluded: 300 });
    expect(t.provisional).toBe(false);
    expect(rankOrder(t)).toEqual(honestRanks);
    // Paged by log index.
    const first = (await server.admin('/api/v1/admin/campaigns/demo/review?state=excluded&limit=100')).body;
    expect(first.records).toHaveLength(100);
    const second = (await server.admin(`/api/v1/admin/campaigns/demo/review?state=excluded&limit=1000&after=${first.next}`)).body;
    expect(second.records[0].seq).toBe(101);
    expect(second.next).toBeNull();
  });

  it('exports the decisions as office actions, and npm run verify replays them to the same tally', async () => {
    const jsonl = await (
      await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).text();
    const lines = jsonl.trimEnd().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
    // A decision dropped from the export: the recomputed tally no longer matches the signed one.
    const dropped = lines.filter((l) => !l.includes('"review-decision"'));
    expect(dropped.length).toBe(lines.length - 2);
    const failed = (await verifyExportLines(dropped)).filter((r) => !r.ok).map((r) => r.name);
    expect(failed).toEqual(expect.arrayContaining(['tally', 'office decisions']));
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('the daily cap, amends and voids of held questionnaires (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const put = await server.admin('/api/v1/admin/campaigns/capped', {
      method: 'PUT',
      body: { ...DEMO_CAMPAIGN, id: 'capped', limits: { maxPerDevicePerDay: 3, burst: null } },
    });
    expect(put.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('holds beyond the n-th of the day; an amend keeps it held, a void takes it out; the export verifies', async () => {
    const d = await enrollDevice(server, 'Ed25519', 'capped');
    const now = Date.now();
    const sent = await sealAt(
      d,
      Array.from({ length: 5 }, (_, i) => ({ sealedAt: now - 5 * 60_000 + i * 1000, durationMs: 500, body: {} })),
    );
    await send(d, sent);
    const held = (await server.admin('/api/v1/admin/campaigns/capped/review')).body.records;
    expect(held.map((r: any) => [r.seq, r.reasons])).toEqual([
      [4, ['daily-cap']],
      [5, ['daily-cap']],
    ]);
    await send(
      d,
      await d.seal([
        d.unsealed('amend', { targetId: sent[3]!.id, targetHash: await H(sent[3]!), reason: '录入错误', body: { ...sent[3]!.body, unitId: 'office' } }),
        d.unsealed('void', { targetId: sent[4]!.id, targetHash: await H(sent[4]!), reason: '重复录入' }),
      ]),
    );
    const after = (await server.admin('/api/v1/admin/campaigns/capped/review')).body.records;
    expect(after.map((r: any) => [r.seq, r.unitId, r.state])).toEqual([[4, 'office', 'held']]);
    const t = (await server.admin('/api/v1/admin/campaigns/capped/tally')).body.tally;
    expect(t.provisional).toBe(true);
    expect(unit(t, 'office').counts).toEqual({ counted: 0, held: 1, excluded: 0 });
    expect(unit(t, 'brigade1').counts).toEqual({ counted: 3, held: 0, excluded: 0 });
    // A voided questionnaire can no longer be decided on.
    expectError(
      await server.admin('/api/v1/admin/campaigns/capped/review', { body: { decision: 'exclude', hashes: [await H(sent[4]!)], reason: 'x' } }),
      422,
      'invalid-decision',
    );
    const jsonl = await (
      await fetch(`${server.url}/api/v1/admin/export?campaignId=capped&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).text();
    const results = await verifyExportLines(jsonl.trimEnd().split('\n'));
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('holds judged by the limits in force when they arrived (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  const put = (limits: unknown, query = '') =>
    server.admin(`/api/v1/admin/campaigns/limited${query}`, { method: 'PUT', body: { ...DEMO_CAMPAIGN, id: 'limited', limits } });
  const exportLines = async () =>
    (
      await (
        await fetch(`${server.url}/api/v1/admin/export?campaignId=limited&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      ).text()
    )
      .trimEnd()
      .split('\n');
  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    expect((await put({ maxPerDevicePerDay: null, burst: { count: 3, minutes: 5 } })).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('keeps what the old limits held after the office changes them, and npm run verify replays each with its own', async () => {
    const d = await enrollDevice(server, 'Ed25519', 'limited');
    const now = Date.now();
    const burst = (from: number) =>
      sealAt(
        d,
        Array.from({ length: 5 }, (_, i) => ({ sealedAt: from + i * 20_000, durationMs: 15_000, body: {} })),
      );
    // Under version 1 (3 within 5 minutes): the 3rd, 4th and 5th are held.
    await send(d, await burst(now - 9 * 60_000));
    // Version 2 turns the burst limit off: what it held stays held, what comes after is counted.
    expect((await put({ maxPerDevicePerDay: null, burst: null }, '?confirm=rescore')).body).toEqual({ version: 2 });
    await send(d, await burst(now - 3 * 60_000));
    const held = (await server.admin('/api/v1/admin/campaigns/limited/review?limit=1000')).body.records;
    expect(held.map((r: any) => r.seq)).toEqual([3, 4, 5]);
    const t = (await server.admin('/api/v1/admin/campaigns/limited/tally')).body.tally;
    expect(t.campaignVersion).toBe(2);
    expect(t.units.reduce((n: number, u: any) => n + u.counts.held, 0)).toBe(3);

    const lines = await exportLines();
    const campaignLine = JSON.parse(lines.find((l) => l.startsWith('{"kind":"campaign"'))!);
    expect(campaignLine.campaign.version).toBe(2);
    expect(campaignLine.earlier.map((c: any) => [c.version, c.limits])).toEqual([[1, { maxPerDevicePerDay: null, burst: { count: 3, minutes: 5 } }]]);
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);

    // An earlier version altered (its limits would hold nothing) no longer hashes to what the log holds.
    const forged = lines.map((l) =>
      l === lines.find((x) => x.startsWith('{"kind":"campaign"'))
        ? JSON.stringify({ ...campaignLine, earlier: [{ ...campaignLine.earlier[0], limits: { maxPerDevicePerDay: null, burst: null } }] })
        : l,
    );
    const failed = (await verifyExportLines(forged)).filter((r) => !r.ok);
    expect(failed.map((r) => r.name)).toEqual(expect.arrayContaining(['office decisions']));
    expect(failed.flatMap((r) => r.problems).join('\n')).toMatch(/version 1 is not the one its campaign-version action logged/);
    // Without the earlier version, the verifier says which version it lacks.
    const without = lines.map((l) => (l.startsWith('{"kind":"campaign"') ? JSON.stringify({ ...campaignLine, earlier: [] }) : l));
    const lacking = (await verifyExportLines(without)).filter((r) => !r.ok);
    expect(lacking.flatMap((r) => r.problems).join('\n')).toMatch(/arrived under version 1, whose limits the export does not carry/);
  });
});
