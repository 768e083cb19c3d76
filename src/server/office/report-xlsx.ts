import { loadExcel } from './exceljs';
import { headerLines } from './report-header';
import { reportColumns, type Report } from './report';

const FILLS = {
  top: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3F2E5' } },
  bottom: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBE4E2' } },
} as const;

/**
 * The 通报 as a workbook: sheet 排名 and one sheet per category when the campaign ranks within
 * categories. Each sheet starts with the title and the header lines (where the figures come from),
 * then one row per unit in the tally's order. Scores are numbers at full precision with the
 * number format 0.00 (rounded for display only: a sum or a pivot uses the exact figure); counts are
 * integers; a figure the tally leaves undefined is an empty cell. The first and last three are
 * filled green and red and named in the 通报 column.
 */
export async function reportWorkbook(report: Report): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = report.header.issuer;
  const columns = reportColumns(report);
  const lines = headerLines(report.header);
  const used = new Set<string>();
  for (const table of report.tables) {
    const ws = wb.addWorksheet(sheetName(table.title, used), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const title = ws.addRow([`${report.header.campaignName} 评议结果通报${table.by === 'categoryRank' ? `（${table.title}）` : ''}`]);
    title.font = { bold: true, size: 14 };
    for (const [label, value] of lines) ws.addRow([label, value]);
    ws.addRow([]);
    const head = ws.addRow(columns.map((c) => c.head));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    const first = head.number;
    for (const r of table.rows) {
      const row = ws.addRow(columns.map((c) => c.value(r, table)));
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.kind === 'score') cell.numFmt = '0.00';
        else if (c.kind === 'count' || c.kind === 'rank') cell.numFmt = '0';
      });
      if (r.mark) row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = FILLS[r.mark!]));
    }
    ws.views = [{ state: 'frozen', ySplit: first, xSplit: 2 }];
    ws.autoFilter = { from: { row: first, column: 1 }, to: { row: first + table.rows.length, column: columns.length } };
    ws.pageSetup.printTitlesRow = `${first}:${first}`;
    columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.kind === 'text' ? (c.head === '说明' ? 30 : 16) : 10));
    ws.getColumn(1).width = 16; // the header lines' labels sit in the first column too
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet name Excel accepts (≤ 31 characters, none of : \ / ? * [ ]), unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || '未分类';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}
