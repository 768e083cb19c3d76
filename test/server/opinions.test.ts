import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PingyiRecord } from '../../src/domain/records';
import { H } from '../../src/protocol/canon';
import { verifyExportLines } from '../../src/server/office/verify/index';
import type { TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, signIn } from './helpers';
import { fieldDay, send } from './office-fixture';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('opinions sorted and their 甄别 (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let device: TestDevice;
  let forum: PingyiRecord;
  let stall: PingyiRecord;
  let quiet: PingyiRecord;
  let visitHash: string;
  let commentHash: string;
  let otherHash: string;
  const opinions = async (id = 'demo') => (await server.admin(`/api/v1/admin/campaigns/${id}/opinions`)).body;
  const tag = (body: unknown, id = 'demo') => server.admin(`/api/v1/admin/campaigns/${id}/opinions/tags`, { body });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const day = await fieldDay(server);
    const [a, , o] = day.devices;
    device = a!;
    visitHash = await H(day.records.find((r) => r.type === 'visit')!);
    commentHash = await H(day.records.find((r) => r.type === 'f2f' && typeof r.body.comment === 'string')!);
    const sealed = await device.seal([
      device.unsealed('forum', {
        unitIds: ['brigade1'],
        title: '执法一大队座谈会',
        heldAt: '2026-11-22T02:00:00.000Z',
        place: '会议室',
        attendees: { public: 8 },
        opinions: [
          { dimensionId: 'efficiency', kind: 'complaint', text: '审批拖延' },
          { unitId: 'brigade2', kind: 'praise', text: '执法文明' },
        ],
      }),
      device.unsealed('stall', {
        place: '市民广场',
        unitIds: ['approval', 'muck'],
        openedAt: '2026-11-22T01:00:00.000Z',
        closedAt: '2026-11-22T05:00:00.000Z',
        visitors: 40,
        complaints: [{ unitId: 'muck', category: '扬尘', text: '渣土车夜间抛洒' }],
      }),
      device.f2f({ unitId: 'law' }),
    ]);
    await send(device, sealed);
    [forum, stall, quiet] = sealed as [PingyiRecord, PingyiRecord, PingyiRecord];
    // An amendment gives the quiet questionnaire a comment: it is listed from then on.
    await send(
      device,
      await device.seal([
        device.unsealed('amend', { targetId: quiet.id, targetHash: await H(quiet), reason: '补录意见', body: { ...quiet.body, comment: '窗口人手不足' } }),
      ]),
    );
    const other = await o!.seal([o!.unsealed('stall', { ...stall.body, complaints: [{ unitId: 'muck', category: '扬尘', text: '别的活动' }] })]);
    await send(o!, other);
    otherHash = await H(other[0]!);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('lists every comment, forum opinion, stall complaint and finding by unit, dimension and source, and never who', async () => {
    const answer = await opinions();
    const forumHash = await H(forum);
    const stallHash = await H(stall);
    const quietHash = await H(quiet);
    const rows = Object.fromEntries(answer.rows.map((r: any) => [r.ref, r]));
    expect(Object.keys(rows).sort()).toEqual([commentHash, visitHash, `${forumHash}/0`, `${forumHash}/1`, `${stallHash}/0`, quietHash].sort());
    expect(rows[`${forumHash}/0`]).toMatchObject({
      source: 'forum',
      unitId: 'brigade1',
      dimensionId: 'efficiency',
      category: 'complaint',
      text: '审批拖延',
      hash: forumHash,
      item: 0,
    });
    expect(rows[`${forumHash}/1`]).toMatchObject({ unitId: 'brigade2', category: 'praise' });
    expect(rows[`${stallHash}/0`]).toMatchObject({ source: 'stall', unitId: 'muck', category: '扬尘', text: '渣土车夜间抛洒', at: '2026-11-22T01:00:00.000Z' });
    expect(rows[quietHash]).toMatchObject({ source: 'comment', unitId: 'law', text: '窗口人手不足', amended: true });
    expect(rows[visitHash]).toMatchObject({ source: 'finding', unitId: 'approval', text: null, severity: 'serious', category: 'attitude' });
    expect(rows[visitHash].sealed).toMatchObject({ ids: [expect.any(String)], enc: 'QkVGT1JF' });
    expect(answer.counts.byUnit.brigade1).toEqual({ forum: 1 });
    expect(answer.counts.byTag).toEqual({ untagged: 6 });
    const text = JSON.stringify(answer);
    for (const who of [device.deviceId, device.collector, '会议室']) expect(text).not.toContain(who);
    expect(text).not.toContain('别的活动');
  });

  it('sets 甄别 tags and a note as one office action, which the export replays and verifies', async () => {
    const forumHash = await H(forum);
    const r = await tag({ refs: [`${forumHash}/0`, visitHash], tags: ['substantiated'], note: '已核实，转整改' });
    expect(r).toMatchObject({ status: 200, body: { tagged: 2 } });
    expect((await tag({ refs: [`${forumHash}/1`], tags: ['praise'] })).status).toBe(200);
    const answer = await opinions();
    const row = answer.rows.find((x: any) => x.ref === visitHash);
    expect(row).toMatchObject({ tags: ['substantiated'], note: '已核实，转整改', decidedBy: 'admin-token' });
    expect(answer.counts.byTag).toEqual({ substantiated: 2, praise: 1, untagged: 3 });
    const logged = (await storedActions(server, 'demo')).filter((a) => a.action.action === 'opinion-tags');
    expect(logged.map((a) => a.action.data)).toEqual([
      { refs: [`${forumHash}/0`, visitHash], tags: ['substantiated'], note: '已核实，转整改' },
      { refs: [`${forumHash}/1`], tags: ['praise'], note: null },
    ]);
    // Clearing: no tags and no note.
    expect((await tag({ refs: [`${forumHash}/1`], tags: [] })).status).toBe(200);
    expect((await opinions()).rows.find((x: any) => x.ref === `${forumHash}/1`).tags).toEqual([]);

    const res = await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const lines = (await res.text()).trimEnd().split('\n');
    expect((await verifyExportLines(lines)).every((c) => c.ok)).toBe(true);
    // A tag action of the wrong shape is named by the replay.
    const i = lines.findIndex((l) => l.includes('"opinion-tags"'));
    const bad = [...lines];
    bad[i] = bad[i]!.replace('"tags":["substantiated"]', '"tags":["maybe"]');
    const decisions = (await verifyExportLines(bad)).find((c) => c.name.includes('decision'));
    expect(decisions?.problems.join('\n')).toContain('not a setting of opinion tags');
  });

  it('refuses what is not a 甄别 of this campaign and tags nothing', async () => {
    const forumHash = await H(forum);
    const before = (await storedActions(server)).length;
    const good = `${forumHash}/0`;
    expectError(await tag({ refs: [good, otherHash + '/0'], tags: ['duplicate'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good, `${forumHash}/7`], tags: ['duplicate'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good], tags: ['substantiated', 'unsubstantiated'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good], tags: ['maybe'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good], tags: ['praise', 'praise'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [], tags: ['praise'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: ['../etc'], tags: ['praise'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: Array.from({ length: 501 }, () => good), tags: ['praise'] }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good], tags: ['praise'], note: 'x'.repeat(2001) }), 400, 'malformed');
    expectError(await tag({ refs: [good], tags: ['praise'], extra: 1 }), 422, 'invalid-decision');
    expectError(await tag({ refs: [good], tags: ['praise'] }, 'nope'), 404, 'not-found');
    expectError(await tag({ refs: [`${otherHash}/0`], tags: ['praise'] }, 'demo'), 422, 'invalid-decision');
    expect((await storedActions(server)).length).toBe(before);
    expect((await opinions()).rows.find((x: any) => x.ref === good).tags).toEqual(['substantiated']);
    expectError(await server.admin('/api/v1/admin/campaigns/nope/opinions'), 404, 'not-found');
    // Without the token, or as a coordinator, nothing is listed or tagged.
    expect((await fetch(`${server.url}/api/v1/admin/campaigns/demo/opinions`)).status).toBe(401);
    const body = { username: 'zhao.coord', role: 'coordinator', displayName: '赵', password: 'correct horse battery' };
    expect((await server.admin('/api/v1/admin/users', { body })).status).toBe(201);
    const cookie = await signIn(server, body.username, body.password);
    expect((await fetch(`${server.url}/api/v1/admin/campaigns/demo/opinions`, { headers: { cookie } })).status).toBe(401);
    const post = await fetch(`${server.url}/api/v1/admin/campaigns/demo/opinions/tags`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ refs: [good], tags: ['praise'] }),
    });
    expect(post.status).toBe(401);
    expect((await storedActions(server)).length).toBe(before + 1); // the account
  });
});
