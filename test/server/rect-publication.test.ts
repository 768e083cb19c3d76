import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoTime } from '../../src/domain/ids';
import { shanghaiDay } from '../../src/domain/review';
import { replayDecisions } from '../../src/server/office/verify/decisions';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { enrollDevice, H } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError, storedActions, signIn } from './helpers';
import { send } from './office-fixture';

// The 整改台账 workbook and the 公示 of closed items: the workbook names units beside their ids and
// gives every time in +08:00; publishing closed items is an office action whose items the public
// page and JSON show without any person, and `npm run verify` checks against the items' own actions.

const backends = await availableBackends();
const PASSWORD = 'correct horse battery';

describe.each(backends.map((b) => [b.name, b] as const))('整改台账 and the 公示 of closed items (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let complaintHash = '';
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const base = '/api/v1/admin/campaigns/demo/rectifications';
  const as = async (who: string, path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { cookie: cookies[who]!, ...(method !== 'GET' ? { 'content-type': 'application/json', origin: server.url } : {}) },
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    for (const [username, role, unitId] of [
      ['zhao.coord', 'coordinator', undefined],
      ['brigade1.unit', 'unit', 'brigade1'],
    ] as const) {
      expect((await server.admin('/api/v1/admin/users', { body: { username, role, password: PASSWORD, ...(unitId ? { unitId } : {}) } })).status).toBe(201);
      cookies[username] = await signIn(server, username, PASSWORD);
    }
    const device = await enrollDevice(server);
    const [stall] = await device.seal([
      device.unsealed('stall', {
        place: '人民广场',
        unitIds: ['brigade1'],
        openedAt: isoTime(server.now() - 3600_000),
        closedAt: isoTime(server.now() - 600_000),
        visitors: 3,
        complaints: [{ unitId: 'brigade1', category: 'attitude', text: '执法人员态度粗暴' }],
      }),
    ]);
    await send(device, [stall!]);
    complaintHash = await H(stall!);
    const deadline = shanghaiDay(server.now() + 5 * 86_400_000);
    for (const [key, unitId, problem] of [
      ['fixed', 'brigade1', '执法态度粗暴'],
      ['open', 'brigade2', '车辆乱停'],
    ] as const) {
      const r = await server.admin(base, { body: { unitId, problem, sources: key === 'fixed' ? [complaintHash] : [], measures: '文明执法培训', deadline } });
      expect(r.status).toBe(201);
      ids[key] = r.body.id;
    }
    expect(
      (await as('brigade1.unit', `/api/v1/unit/campaigns/demo/rectifications/${ids.fixed}/answers`, 'POST', { kind: 'plan', text: '本周培训' })).status,
    ).toBe(201);
    expect((await server.admin(`${base}/${ids.fixed}`, { method: 'PATCH', body: { problem: '执法人员态度粗暴，群众不满' } })).status).toBe(200);
    expect((await server.admin(`${base}/${ids.fixed}/close`, { body: { reason: '培训完成，回访满意' } })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('exports the items as a workbook: names beside ids, +08:00 times, answers, and a 说明 sheet', async () => {
    const res = await fetch(`${server.url}${base}?format=xlsx`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('整改台账'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['整改项', '各单位', '单位答复', '回头看', '说明']);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1));
    const [head, ...items] = rows('整改项');
    const col = (h: string) => head!.indexOf(h);
    const closed = items.find((r) => r[col('整改项编号')] === ids.fixed)!;
    expect(closed[col('被评单位')]).toBe('执法一大队');
    expect(closed[col('被评单位编号')]).toBe('brigade1');
    expect(closed[col('问题')]).toBe('执法人员态度粗暴，群众不满');
    expect(closed[col('状态')]).toBe('已关闭');
    expect(closed[col('来源记录')]).toBe(complaintHash);
    expect(String(closed[col('新建时间')])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(String(closed[col('关闭时间')])).toMatch(/\+08:00$/);
    expect(closed[col('关闭理由')]).toBe('培训完成，回访满意');
    expect(rows('单位答复')[1]).toEqual([
      ids.fixed,
      '执法一大队',
      '整改计划',
      '本周培训',
      undefined,
      undefined,
      'brigade1.unit',
      expect.stringMatching(/\+08:00$/),
    ]);
    expect(
      rows('各单位')
        .find((r) => r[1] === 'brigade1')
        ?.slice(0, 3),
    ).toEqual(['执法一大队', 'brigade1', 1]);
    const notes = rows('说明').flat().join(' ');
    expect(notes).toContain('逾期天数');
    // Never who complained or collected.
    const all = wb.worksheets.flatMap((w) => (w.getSheetValues() as unknown[][]).flat()).join(' ');
    for (const hidden of ['张三', '人民广场']) expect(all).not.toContain(hidden);
  });

  it('publishes the closed items as an office action, on the public page and its JSON, without any person', async () => {
    expectError(await server.admin('/api/v1/public/campaigns/demo'), 404, 'not-found');
    const r = await server.admin(`${base}/publish`, { body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ count: 1, logIndex: expect.any(Number) });
    const last = (await storedActions(server, 'demo')).at(-1);
    expect([last.action.action, last.action.actor]).toEqual(['rectifications-published', 'admin-token']);

    const pub = await fetch(`${server.url}/api/v1/public/campaigns/demo`);
    expect(pub.status).toBe(200);
    const body = await pub.json();
    expect(body.tally).toBeUndefined(); // no tally published yet: the closed items stand alone
    expect(body.rectifications.items).toEqual([
      {
        id: ids.fixed,
        unitId: 'brigade1',
        unitName: '执法一大队',
        problem: '执法人员态度粗暴，群众不满',
        measures: '文明执法培训',
        closedAt: expect.stringMatching(/Z$/),
        closeReason: '培训完成，回访满意',
      },
    ]);
    const page = await fetch(`${server.url}/public/campaigns/demo`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('整改情况公示');
    expect(html).toContain('培训完成，回访满意');
    expect(html).not.toContain('车辆乱停'); // still open: not published
    for (const hidden of [JSON.stringify(body), html])
      for (const s of ['张三', '人民广场', complaintHash, 'brigade1.unit', '本周培训', 'admin-token']) expect(hidden).not.toContain(s);

    // Once the tally is published too, the JSON carries both and the page shows both.
    expect((await server.admin('/api/v1/admin/campaigns/demo/publish', { body: {} })).status).toBe(200);
    const both = await (await fetch(`${server.url}/api/v1/public/campaigns/demo`)).json();
    expect(both.serverSig).toEqual(expect.any(String));
    expect(both.rectifications.items).toHaveLength(1);
    expect(await (await fetch(`${server.url}/public/campaigns/demo?lang=en`)).text()).toContain('Rectification: problems fixed and closed');
  });

  it('refuses coordinators and unit accounts, parameters and unknown campaigns', async () => {
    expectError(await as('zhao.coord', `${base}/publish`, 'POST', {}), 401, 'unauthorized');
    expectError(await as('brigade1.unit', `${base}/publish`, 'POST', {}), 401, 'unauthorized');
    expectError(await as('brigade1.unit', `${base}?format=xlsx`), 401, 'unauthorized');
    expect((await as('zhao.coord', `${base}?format=xlsx`)).status).toBe(200); // coordinators read the list
    expectError(await server.admin(`${base}/publish`, { body: { items: [{ id: 'forged' }] } }), 400, 'malformed');
    expectError(await server.admin(`${base}?format=pdf`), 400, 'malformed');
    expectError(await server.admin(`${base}?format=xlsx&format=json`), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/nope/rectifications/publish', { body: {} }), 404, 'not-found');
    expectError(await server.admin('/api/v1/admin/campaigns/nope/rectifications?format=xlsx'), 404, 'not-found');
  });

  it('is checked by npm run verify: a published item must be closed and as its actions left it', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=jsonl`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const lines = (await res.text()).trim().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok).map((r) => [r.name, r.problems])).toEqual([]);
    expect(results.find((r) => r.name === 'office decisions')!.detail).toContain('rectifications-published');
    const actions = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === 'action')
      .map((l) => ({ logIdx: l.logIdx, action: l.action }));
    const published = actions.find((a) => a.action.action === 'rectifications-published')!;
    const forge = (items: unknown[]) => {
      const problems: string[] = [];
      const state = { header: { campaignId: 'demo' }, actions: [...actions, { logIdx: 1e9, action: { ...published.action, data: { items } } }] };
      replayDecisions(state as never, problems);
      return problems;
    };
    const item = published.action.data.items[0];
    expect(forge([item])).toEqual([]);
    expect(forge([{ ...item, closeReason: '另写的理由' }])).toEqual([expect.stringContaining('published otherwise than its actions left it')]);
    expect(forge([{ ...item, id: ids.open }])).toEqual([expect.stringContaining('which no earlier action closed')]);
    expect(forge([{ ...item, complainant: '张三' }])).toEqual([expect.stringContaining('publishes complainant')]);
  });
});
