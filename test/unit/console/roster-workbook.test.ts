// @vitest-environment node
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { ROSTER_STATUSES, type RosterPerson } from '../../../src/domain/roster';
import { rosterFromWorkbook, rosterToWorkbook, ROSTER_SHEET } from '../../../src/ui/console/representatives/roster-workbook';

const C = DEMO_CAMPAIGN;
const text = fc.stringMatching(/^[一-龥A-Za-z0-9（）·=+-][一-龥A-Za-z0-9（）· =+-]{0,20}$/).filter((s) => s.trim() === s);
const personArb: fc.Arbitrary<RosterPerson> = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    name: text,
    group: fc.constantFrom(...C.raterGroups.map((g) => g.id)),
    source: text,
    recommendedBy: fc.option(text, { nil: undefined }),
    status: fc.constantFrom(...ROSTER_STATUSES),
    reason: fc.option(text, { nil: undefined }),
    units: fc.option(fc.uniqueArray(fc.constantFrom(...C.units.map((u) => u.id)), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((p) => {
    const out: Record<string, unknown> = { ...p };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    if (p.status === 'disqualified' && !p.reason) out.reason = '违反八个严禁';
    return out as RosterPerson;
  });

describe('the roster workbook (代表库.xlsx)', () => {
  it('round-trips any roster, with the contacts the console opened', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(personArb, { selector: (p) => p.id, maxLength: 12 }), async (people) => {
        const contacts = new Map(people.slice(0, 2).map((p) => [p.id, `138${p.id.length}0000 ${p.name}`]));
        const read = await rosterFromWorkbook(await rosterToWorkbook(people, C, contacts), C);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(read.people.map(({ contactText: _c, ...p }) => p)).toEqual(people);
        expect(new Map(read.people.filter((p) => p.contactText).map((p) => [p.id, p.contactText]))).toEqual(contacts);
      }),
      { numRuns: 20 },
    );
    // exceljs writes and reads a workbook per run: slow on a busy machine.
  }, 60_000);

  it('names the row and column of each mistake and imports nothing then', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(ROSTER_SHEET);
    ws.addRow(['编号', '姓名', '评议主体', '来源', '推荐单位', '状态', '原因/说明', '联系单位', '联系方式']);
    ws.addRow(['r1', '张三', '专家代表', '人大代表', null, '已审定', null, '执法一大队', null]);
    ws.addRow(['r2', '李四', '无此主体', '企业', null, '已审定', null, null, null]);
    ws.addRow(['r3', '王五', 'public', '社区', null, '已取消资格', null, null, null]);
    ws.addRow(['r1', '赵六', 'public', '社区', null, '在职', null, '不存在的单位', null]);
    const read = await rosterFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), C);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '评议主体'],
      [4, '原因/说明'],
      [5, '状态'],
      [5, '联系单位'],
      [5, '编号'],
    ]);
    expect(read.problems[0]!.message).toContain('无此主体');
  });

  it('refuses a sheet whose columns are not the roster’s', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(ROSTER_SHEET).addRow(['姓名', '编号']);
    const read = await rosterFromWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), C);
    expect(read.ok).toBe(false);
    expect((await rosterFromWorkbook(new Uint8Array([1, 2, 3]), C)).ok).toBe(false);
  });
});
