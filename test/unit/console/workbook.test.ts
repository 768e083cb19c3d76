// @vitest-environment node
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { campaignFromWorkbook, campaignToWorkbook } from '../../../src/ui/console/campaign/workbook';

const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
/** Names as offices type them: Chinese, Latin, digits (a name may look like a number), spaces inside. */
const nameArb = fc.stringMatching(/^[一-龥A-Za-z0-9（）·=+-][一-龥A-Za-z0-9（）· =+-]{0,20}$/).filter((s) => s.trim() === s);
const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string, min = 1, max = 5) => fc.uniqueArray(arb, { selector: key, minLength: min, maxLength: max });
const labelled = uniqueBy(fc.record({ id: idArb, label: nameArb }), (x) => x.id, 0, 4);

const campaignArb: fc.Arbitrary<Campaign> = fc
  .record({
    id: idArb,
    name: nameArb,
    year: fc.integer({ min: 2000, max: 2100 }),
    issuer: nameArb,
    units: uniqueBy(
      fc.record({ id: idArb, name: nameArb, category: fc.oneof(fc.constant(''), nameArb), retired: fc.constantFrom(true, undefined) }),
      (u) => u.id,
    ),
    dimensions: uniqueBy(fc.record({ id: idArb, label: nameArb, hint: fc.oneof(fc.constant(''), nameArb) }), (d) => d.id),
    scale: uniqueBy(
      fc.record({
        key: idArb,
        label: nameArb,
        score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true })),
      }),
      (l) => l.key,
      2,
      6,
    ).filter((xs) => xs.some((x) => x.score !== null)),
    groups: uniqueBy(fc.record({ id: idArb, label: nameArb, share: fc.integer({ min: 1, max: 9 }) }), (g) => g.id, 1, 4),
    checks: fc.option(labelled, { nil: undefined }),
    findingCategories: labelled,
    severities: labelled,
    minSamplePerGroup: fc.integer({ min: 0, max: 100 }),
    minSampleToRank: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    rankWithin: fc.constantFrom('category' as const, undefined),
    manualLabel: fc.option(nameArb, { nil: undefined }),
    withBonus: fc.boolean(),
    key: fc.boolean(),
    stages: fc.option(
      uniqueBy(fc.record({ id: idArb, label: nameArb, from: fc.constant('2026-05-01'), to: fc.constant('2026-06-30') }), (s) => s.id, 0, 3),
      { nil: undefined },
    ),
    /** Every form `limits` takes but the two that read back as their equals (`{}`: none; both off: null). */
    limits: fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc
        .record(
          {
            maxPerDevicePerDay: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 100_000 })),
            burst: fc.oneof(fc.constant(null), fc.record({ count: fc.integer({ min: 2, max: 10_000 }), minutes: fc.integer({ min: 1, max: 1440 }) })),
          },
          { requiredKeys: [] },
        )
        .filter((l) => Object.keys(l).length > 0 && !(l.maxPerDevicePerDay === null && l.burst === null)),
    ),
  })
  .map((r) => {
    const total = r.groups.reduce((s, g) => s + g.share, 0);
    const units = r.units.map(({ retired, ...u }) => (retired ? { ...u, retired } : u));
    const def = {
      id: r.id,
      name: r.name,
      year: r.year,
      issuer: r.issuer,
      units,
      dimensions: r.dimensions,
      scale: r.scale,
      raterGroups: r.groups.map((g) => ({ id: g.id, label: g.label, weight: g.share / total })),
      // Every other yes/no question asked under the first dimension.
      ...(r.checks ? { checks: r.checks.map((k, i) => (i % 2 ? { ...k, dimension: r.dimensions[0]!.id } : k)) } : {}),
      findingCategories: r.findingCategories,
      severities: r.severities,
      minSamplePerGroup: r.minSamplePerGroup,
      ...(r.minSampleToRank !== undefined ? { minSampleToRank: r.minSampleToRank } : {}),
      scoring: {
        components: [
          { id: 'daily', label: '日常考评', max: 20, parts: [{ from: 'manual', id: 'daily', ...(r.manualLabel ? { label: r.manualLabel } : {}), weight: 1 }] },
          {
            id: 'public',
            label: '群众评议',
            max: 80,
            parts: [
              { from: 'survey', weight: 0.5 },
              { from: 'manual', id: 'network', weight: 0.5 },
            ],
          },
        ],
        ...(r.withBonus ? { bonus: { label: '专项治理加分', byRank: [0.5, 0.4, 0.3], component: 'daily' } } : {}),
        ...(r.rankWithin ? { rankWithin: r.rankWithin } : {}),
      },
      encryptionKey: r.key ? DEMO_CAMPAIGN.encryptionKey : null,
      ...(r.stages ? { stages: r.stages } : {}),
      ...(r.limits !== undefined ? { limits: r.limits } : {}),
    };
    return CampaignSchema.parse(def);
  });

/** A workbook written from `c` with one cell changed. */
async function withCell(c: Campaign, sheet: string, row: number, col: number, value: ExcelJS.CellValue): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await campaignToWorkbook(c)).buffer as ArrayBuffer);
  wb.getWorksheet(sheet)!.getRow(row).getCell(col).value = value;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a campaign definition as an xlsx workbook', () => {
  it('round-trips the demo campaign', async () => {
    const r = await campaignFromWorkbook(await campaignToWorkbook(CampaignSchema.parse(DEMO_CAMPAIGN)));
    expect(r).toEqual({ ok: true, campaign: CampaignSchema.parse(DEMO_CAMPAIGN) });
  });

  it('property: any valid definition reads back as itself', async () => {
    await fc.assert(
      fc.asyncProperty(campaignArb, async (c) => {
        const r = await campaignFromWorkbook(await campaignToWorkbook(c));
        expect(r).toEqual({ ok: true, campaign: c });
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('refuses a workbook with mistakes, naming sheet, row and column in Chinese', async () => {
    const c = CampaignSchema.parse(DEMO_CAMPAIGN);
    const badScore = await campaignFromWorkbook(await withCell(c, '评价等级', 3, 3, '八十'));
    expect(badScore).toEqual({ ok: false, problems: [{ sheet: '评价等级', row: 3, column: '分值', message: '「评价等级」第 3 行「分值」列：应为数字。' }] });

    const badWeight = await campaignFromWorkbook(await withCell(c, '评议主体', 2, 3, 0.5));
    expect(badWeight.ok).toBe(false);
    expect(!badWeight.ok && badWeight.problems[0]).toMatchObject({ sheet: '评议主体', message: expect.stringContaining('权重合计应为 1') });

    const badId = await campaignFromWorkbook(await withCell(c, '被评单位', 4, 1, '市容 管理'));
    expect(!badId.ok && badId.problems[0]).toEqual({
      sheet: '被评单位',
      row: 4,
      column: '编号',
      message: '「被评单位」第 4 行「编号」列：编号只能用字母、数字、- 和 _（1–64 个）。',
    });

    const emptyName = await campaignFromWorkbook(await withCell(c, '评议内容', 5, 2, null));
    expect(!emptyName.ok && emptyName.problems[0]).toMatchObject({ sheet: '评议内容', row: 5, column: '名称' });

    const badPart = await campaignFromWorkbook(await withCell(c, '得分构成', 3, 7, -1));
    expect(!badPart.ok && badPart.problems[0]).toMatchObject({ sheet: '得分构成', row: 3, column: '比重' });

    expect(await campaignFromWorkbook(new TextEncoder().encode('not a workbook'))).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining('不是一个可以读取的 Excel 工作簿') }],
    });
  });

  it('reads the limits rows: empty is the default, 不限 turns a limit off, a bad figure is named', async () => {
    const c = CampaignSchema.parse({ ...DEMO_CAMPAIGN, limits: { maxPerDevicePerDay: 120, burst: { count: 8, minutes: 10 } } });
    const rowOf = async (header: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await campaignToWorkbook(c)).buffer as ArrayBuffer);
      let at = 0;
      wb.getWorksheet('活动')!.eachRow((row, n) => void (row.getCell(1).text === header && (at = n)));
      return at;
    };
    const perDay = await rowOf('每台设备每天问卷上限');
    const count = await rowOf('短时上限：问卷份数');
    expect(perDay).toBeGreaterThan(1);
    const off = await campaignFromWorkbook(await withCell(c, '活动', perDay, 2, '不限'));
    expect(off.ok && off.campaign.limits).toEqual({ maxPerDevicePerDay: null, burst: { count: 8, minutes: 10 } });
    const unset = await campaignFromWorkbook(await withCell(c, '活动', perDay, 2, null));
    expect(unset.ok && unset.campaign.limits).toEqual({ burst: { count: 8, minutes: 10 } });
    const bad = await campaignFromWorkbook(await withCell(c, '活动', count, 2, 1));
    expect(bad).toEqual({
      ok: false,
      problems: [
        { sheet: '活动', row: count, column: '内容', message: '「活动」「短时上限：问卷份数」：应为 2 到 10000 之间的整数，或填「不限」，或留空（默认）。' },
      ],
    });
    const half = await campaignFromWorkbook(await withCell(c, '活动', count, 2, '不限'));
    expect(!half.ok && half.problems[0]!.message).toContain('分钟数应留空');
  });

  it('takes a list as an office types it in Excel: blank rows skipped, numbers as text', async () => {
    const c = CampaignSchema.parse(DEMO_CAMPAIGN);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await campaignToWorkbook(c)).buffer as ArrayBuffer);
    const units = wb.getWorksheet('被评单位')!;
    units.addRow([]);
    units.addRow(['hall', '便民服务大厅', '窗口单位']);
    wb.getWorksheet('评议主体')!.getRow(2).getCell(3).value = '0.3';
    const r = await campaignFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.ok && r.campaign.units.at(-1)).toEqual({ id: 'hall', name: '便民服务大厅', category: '窗口单位' });
    expect(r.ok && r.campaign.raterGroups[0]!.weight).toBe(0.3);
  });
});
