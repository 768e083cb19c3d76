import type ExcelJS from 'exceljs';
import { loadExcel } from './exceljs';
import type { Campaign } from '../../domain/campaign';
import { shanghaiIso } from '../../domain/shanghai-time';
import type { RectList } from '../../protocol/office-api';

type Cell = string | number | null;

const STATUS: Record<string, string> = { open: '待答复', answered: '已答复', verified: '已验证', closed: '已关闭' };
const KIND: Record<string, string> = { plan: '整改计划', progress: '进展', done: '已完成', 'not-yet': '暂不能完成' };
const VERDICT: Record<string, string> = { fixed: '已整改', partly: '部分整改', 'not-fixed': '未整改' };
const time = (x: string | undefined) => (x ? (shanghaiIso(x) ?? x) : null);

/** One sheet: a bold header row, then the rows; text wraps, widths fit the columns. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, string][], rows: Cell[][], widths: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(columns.map(([h]) => h)).font = { bold: true };
  for (const r of rows) ws.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  columns.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 14));
  return columns;
}

/**
 * The campaign's rectification items as a workbook (整改台账): 整改项 (one row per item, overdue
 * first, names beside ids), 各单位 (the counts), 单位答复, 回头看, and 说明 (what each column
 * holds). Every time is Asia/Shanghai (ISO 8601, +08:00). Source records are named by hash only:
 * who complained or collected is never in it.
 */
export async function rectWorkbook(campaign: Campaign, list: RectList, computedAt: string): Promise<Buffer> {
  const units = new Map(campaign.units.map((u) => [u.id, u.name]));
  const unitName = (id: string) => units.get(id) ?? id;
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = campaign.issuer;
  const notes: [string, [string, string][]][] = [];

  notes.push([
    '整改项',
    sheet(
      wb,
      '整改项',
      [
        ['整改项编号', '整改项的唯一编号（UUIDv7）'],
        ['被评单位', '被评单位名称'],
        ['被评单位编号', '被评单位在活动定义中的编号，与名称一一对应'],
        ['问题', '需要整改的问题'],
        ['整改措施', '纠风办提出的整改措施'],
        ['责任人', '整改责任人'],
        ['整改期限', '整改期限（北京时间的日期）'],
        ['状态', '待答复、已答复（单位已答复）、已验证（最近一次回头看为已整改）、已关闭（纠风办关闭）'],
        ['逾期天数', '未验证也未关闭且已过期限的整天数；0 表示未逾期'],
        ['来源记录', '问题所依据的记录哈希（以“、”分隔），可在核验文件中查到；不含意见人、采集人'],
        ['新建时间', '新建整改项的时间，北京时间（ISO 8601，+08:00）'],
        ['新建人', '新建整改项的账号'],
        ['关闭时间', '关闭的时间，北京时间（+08:00）'],
        ['关闭人', '关闭整改项的账号'],
        ['关闭理由', '关闭时填写的理由'],
        ['答复数', '单位答复的条数（见“单位答复”表）'],
        ['回头看次数', '回头看记录的条数（见“回头看”表）'],
        ['最近回头看', '回访时间最晚的一次回头看的结论'],
      ],
      list.items.map((i) => [
        i.id,
        unitName(i.unitId),
        i.unitId,
        i.problem,
        i.measures ?? null,
        i.responsible ?? null,
        i.deadline,
        STATUS[i.status] ?? i.status,
        i.daysOverdue,
        i.sources.join('、') || null,
        time(i.createdAt),
        i.createdBy,
        time(i.closedAt),
        i.closedBy ?? null,
        i.closeReason ?? null,
        i.answers.length,
        i.followups.length,
        i.followups.length ? (VERDICT[i.followups.at(-1)!.verdict] ?? null) : null,
      ]),
      [38, 16, 12, 40, 30, 12, 12, 10, 10, 30, 30, 14, 30, 14, 30, 8, 8, 12],
    ),
  ]);
  notes.push([
    '各单位',
    sheet(
      wb,
      '各单位',
      [
        ['被评单位', '被评单位名称'],
        ['被评单位编号', '被评单位在活动定义中的编号'],
        ['整改项', '整改项总数'],
        ['待答复', '状态为待答复的项数'],
        ['已答复', '状态为已答复的项数'],
        ['已验证', '状态为已验证的项数'],
        ['已关闭', '状态为已关闭的项数'],
        ['逾期', '逾期的项数'],
        ['最长逾期天数', '逾期最久的一项的天数'],
        ['完成率', '（已验证 + 已关闭）÷ 整改项总数；没有整改项的单位为空'],
      ],
      list.units.map((u) => [unitName(u.unitId), u.unitId, u.total, u.open, u.answered, u.verified, u.closed, u.overdue, u.maxDaysOverdue, u.completionRate]),
      [16, 12, 8, 8, 8, 8, 8, 8, 12, 10],
    ),
  ]);
  wb.getWorksheet('各单位')!.getColumn(10).numFmt = '0.0%';
  notes.push([
    '单位答复',
    sheet(
      wb,
      '单位答复',
      [
        ['整改项编号', '所答复的整改项'],
        ['被评单位', '被评单位名称'],
        ['类型', '整改计划、进展、已完成、暂不能完成'],
        ['说明', '单位的答复'],
        ['承诺完成日期', '暂不能完成时单位承诺的日期（不改变整改期限）'],
        ['佐证材料', '附件的文件名、SHA-256 和类型'],
        ['答复账号', '答复的单位账号'],
        ['答复时间', '答复的时间，北京时间（+08:00）'],
      ],
      list.items.flatMap((i) =>
        i.answers.map((a) => [
          i.id,
          unitName(i.unitId),
          KIND[a.kind] ?? a.kind,
          a.text,
          a.by ?? null,
          (a.evidence ?? []).map((e) => `${e.name ?? ''} ${e.sha256} ${e.mime}`.trim()).join('; ') || null,
          a.actor,
          time(a.at),
        ]),
      ),
      [38, 16, 12, 40, 12, 40, 16, 30],
    ),
  ]);
  notes.push([
    '回头看',
    sheet(
      wb,
      '回头看',
      [
        ['整改项编号', '回头看针对的整改项'],
        ['被评单位', '被评单位名称'],
        ['结论', '已整改、部分整改、未整改'],
        ['情况说明', '回访时看到的情况'],
        ['回访时间', '回访的时间，北京时间（+08:00）'],
        ['照片数', '随记录封存的照片张数'],
        ['记录哈希', '回头看记录的哈希，可在核验文件中查到（已应用更正，作废的不列）'],
      ],
      list.items.flatMap((i) =>
        i.followups.map((f) => [i.id, unitName(i.unitId), VERDICT[f.verdict] ?? f.verdict, f.note, time(f.visitedAt), f.attachments, f.hash]),
      ),
      [38, 16, 10, 40, 30, 8, 66],
    ),
  ]);
  const ws = wb.addWorksheet('说明');
  ws.addRow([`${campaign.name} 整改台账`]).font = { bold: true, size: 14 };
  ws.addRow(['导出时间', shanghaiIso(computedAt)]);
  ws.addRow([]);
  ws.addRow(['表', '列', '说明']).font = { bold: true };
  for (const [name, columns] of notes) for (const [col, what] of columns) ws.addRow([name, col, what]);
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
