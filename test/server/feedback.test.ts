import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H } from '../../src/protocol/canon';
import type { PingyiRecord } from '../../src/domain/records';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { expectError } from './helpers';
import { fieldDay, send } from './office-fixture';

const backends = await availableBackends();
const mean = (xs: (number | null | undefined)[]) => {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

describe.each(backends.map((b) => [b.name, b] as const))('feedback packs per unit (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let forum: PingyiRecord;
  let checked: PingyiRecord[];
  const pack = async (query: string) => server.admin(`/api/v1/admin/campaigns/demo/feedback?${query}`);
  const raw = (query: string, headers: Record<string, string> = { authorization: `Bearer ${server.adminToken}` }) =>
    fetch(`${server.url}/api/v1/admin/campaigns/demo/feedback?${query}`, { headers });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    const { devices } = await fieldDay(server);
    const a = devices[0]!;
    checked = await a.seal([
      a.f2f({ unitId: 'brigade1', checks: { bribe: true, fees: false } }),
      a.f2f({ unitId: 'brigade1', checks: { bribe: false, fees: false } }),
      a.f2f({ unitId: 'brigade2', checks: { bribe: false } }),
      a.unsealed('forum', {
        unitIds: ['brigade1'],
        title: '座谈会',
        heldAt: '2026-11-22T02:00:00.000Z',
        place: '会议室',
        attendees: { public: 8 },
        opinions: [
          { dimensionId: 'efficiency', kind: 'complaint', text: '<script>alert(1)</script>审批拖延' },
          { kind: 'opinion', text: '态度生硬' },
          { kind: 'praise', text: '执法文明' },
        ],
      }),
    ]);
    await send(a, checked);
    forum = checked[3]!;
    // The second questionnaire's answer is voided: its checks no longer count.
    await send(a, await a.seal([a.unsealed('void', { targetId: checked[1]!.id, targetHash: await H(checked[1]!), reason: '重复' })]));
    const fh = await H(forum);
    const tag = (refs: string[], tags: string[], note?: string) => server.admin('/api/v1/admin/campaigns/demo/opinions/tags', { body: { refs, tags, note } });
    expect((await tag([`${fh}/0`], ['substantiated'], '限期整改')).status).toBe(200);
    expect((await tag([`${fh}/1`], ['unsubstantiated'])).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('gives a unit its figures beside the campaign average, from the signed tally', async () => {
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    const r = await pack('unit=brigade1');
    expect(r.status).toBe(200);
    expect(r.body.units).toHaveLength(1);
    const u = r.body.units[0];
    const t = tally.units.find((x: any) => x.unitId === 'brigade1');
    expect(u).toMatchObject({
      unitId: 'brigade1',
      name: '执法一大队',
      rank: t.rank,
      total: { value: t.total, average: mean(tally.units.map((x: any) => x.total)) },
    });
    expect(u.survey).toMatchObject({ value: t.survey.score, average: mean(tally.units.map((x: any) => x.survey.score)) });
    expect(u.components.map((c: any) => c.value)).toEqual(['daily', 'public'].map((id) => t.components[id] ?? null));
    expect(u.dimensions.find((d: any) => d.id === 'efficiency')).toMatchObject({
      value: t.survey.byDimension.efficiency,
      average: mean(tally.units.map((x: any) => x.survey.byDimension.efficiency)),
    });
    expect(u.groups.find((g: any) => g.id === 'client')).toMatchObject({ counted: t.survey.byGroup.client.counted, unknown: t.survey.byGroup.client.unknown });
    expect(r.body.ranked).toBe(tally.units.filter((x: any) => x.rank !== null).length);
    // Checks: one questionnaire in force answered each (the other was voided); the campaign's pooled rate beside it.
    expect(u.checks.find((c: any) => c.id === 'bribe')).toEqual({ id: 'bribe', label: '是否遇到吃拿卡要', yes: 1, answered: 1, rate: 1, average: 0.5 });
    expect(u.checks.find((c: any) => c.id === 'fees')).toMatchObject({ yes: 0, answered: 1, rate: 0 });
    expect(u.checks.find((c: any) => c.id === 'shirk')).toMatchObject({ answered: 0, rate: null, average: null });
  });

  it('lets the office choose the opinions that go in, never naming who', async () => {
    const verified = (await pack('unit=brigade1')).body.units[0].opinions;
    expect(verified).toEqual([
      {
        source: 'forum',
        dimension: '办事效率',
        category: '投诉',
        text: '<script>alert(1)</script>审批拖延',
        at: '2026-11-22T10:00:00.000+08:00',
        tags: ['属实'],
        note: '限期整改',
      },
    ]);
    const all = (await pack('unit=brigade1&opinions=all')).body.units[0].opinions;
    expect(all.map((o: any) => o.text)).toEqual(['<script>alert(1)</script>审批拖延', '态度生硬', '执法文明']);
    expect(all[1].tags).toEqual(['不属实']);
    expect((await pack('unit=brigade1&opinions=none')).body.units[0].opinions).toEqual([]);
    // The sealed finding of 行政审批窗口 goes in by its open facts only.
    const approval = (await pack('unit=approval&opinions=all')).body.units[0].opinions;
    expect(approval).toEqual([expect.objectContaining({ source: 'finding', text: '明察暗访发现：门难进、脸难看、事难办（较重）' })]);
    const text = JSON.stringify((await pack('opinions=all')).body);
    for (const who of ['张三', '会议室', 'Q0lQSEVSVEVYVA']) expect(text).not.toContain(who);
  });

  it('prints on A4 with every unit on its own page, text escaped and no script allowed', async () => {
    const res = await raw('format=html&opinions=all');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('@page { size: A4');
    expect((html.match(/<article /g) ?? []).length).toBe(9);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;审批拖延');
    expect(html).toContain('评议结果反馈：执法一大队');
    const one = await (await raw('format=html&unit=brigade2')).text();
    expect((one.match(/<article /g) ?? []).length).toBe(1);
  });

  it('gives a workbook with a sheet per unit and real numbers', async () => {
    const res = await raw('format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('feedback-all');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    expect(wb.worksheets.map((w) => w.name)).toContain('执法一大队');
    expect(wb.worksheets).toHaveLength(9);
    const ws = wb.getWorksheet('执法一大队')!;
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    let totalRow: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === '总分') totalRow = row;
    });
    expect(totalRow!.getCell(2).value).toBe(tally.units.find((x: any) => x.unitId === 'brigade1').total);
    expect(totalRow!.getCell(2).numFmt).toBe('0.00');
    const one = new ExcelJS.Workbook();
    await one.xlsx.load(Buffer.from(await (await raw('format=xlsx&unit=muck')).arrayBuffer()) as any);
    expect(one.worksheets.map((w) => w.name)).toEqual(['渣土管理大队']);
  });

  it('refuses what it cannot answer', async () => {
    expectError(await pack('unit=nope'), 404, 'not-found');
    expectError(await pack('format=pdf'), 400, 'malformed');
    expectError(await pack('opinions=secret'), 400, 'malformed');
    expectError(await pack('unit=brigade1&unit=brigade2'), 400, 'malformed');
    expectError(await pack('extra=1'), 400, 'malformed');
    expectError(await server.admin('/api/v1/admin/campaigns/nope/feedback'), 404, 'not-found');
    expect((await raw('unit=brigade1', {})).status).toBe(401);
  });
});
