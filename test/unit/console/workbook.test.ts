// @vitest-environment node
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { campaignFromWorkbook, campaignToWorkbook, withUnsheeted } from '../../../src/ui/console/campaign/workbook';
import { campaignArb } from './campaign-arb';

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

  it('keeps text that looks like an OOXML escape (_xHHHH_) as written', async () => {
    const demo = CampaignSchema.parse(DEMO_CAMPAIGN);
    const c = CampaignSchema.parse({
      ...demo,
      title: 'a_x0041_b _xaa00_ _x005F_',
      scale: demo.scale.map((l, i) => (i === 0 ? { ...l, key: '_xAA00_' } : l)),
    });
    expect(await campaignFromWorkbook(await campaignToWorkbook(c))).toEqual({ ok: true, campaign: c });
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

  it('keeps what no sheet holds (the ui settings, hints in other languages) from the version in force', async () => {
    const c = CampaignSchema.parse({
      ...DEMO_CAMPAIGN,
      ui: { reviewBeforeSeal: true },
      dimensions: DEMO_CAMPAIGN.dimensions.map((d, i) => (i === 0 ? { ...d, hints: { en: 'Rules and fees made public' } } : d)),
    });
    const r = await campaignFromWorkbook(await campaignToWorkbook(c));
    expect(r.ok && r.campaign.ui).toBeUndefined();
    expect(r.ok && withUnsheeted(r.campaign, c)).toEqual(c);
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
