import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import { loadExcel } from './exceljs';
import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord } from '../../domain/records';
import { campaignRecordPages, type StoredRow } from './export-source';
import { pageStatuses, STATUS_LABELS } from './export-status';
import { exportTable, type Cell } from './export-table';
import type { OfficeDb } from './tables';

/**
 * What a spreadsheet may take for the start of a formula: = + - @ (and their full-width forms,
 * which some spreadsheets fold to ASCII), tab, CR, LF, or any leading space before them.
 */
const FORMULA_START = /^[=+\-@\t\r\n \u3000\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A cell as CSV text. Text that a spreadsheet would take for a formula gets a leading apostrophe:
 * a respondent's comment must never run as a formula on the office's computer.
 */
export function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  const safe = FORMULA_START.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Resolves when the stream wants more, or is gone (a client that hung up never drains). */
function drained(s: PassThrough): Promise<unknown> {
  return Promise.race([once(s, 'drain'), once(s, 'close')]);
}

const csvLine = (cells: Cell[]) => cells.map(csvCell).join(',') + '\r\n';

/** The table's rows of the campaign's records below the cut, a page at a time, each with its status. */
async function* tableRows(db: OfficeDb, campaign: Campaign, below: number, table: ReturnType<typeof exportTable>): AsyncGenerator<Cell[][]> {
  for await (const stored of campaignRecordPages(db, campaign.id, below)) {
    const page = stored.map((s: StoredRow) => ({ stored: s, record: JSON.parse(s.canon) as PingyiRecord }));
    const statuses = await pageStatuses(db, campaign.id, page);
    yield page.map((p, i) => table.row(p.stored, p.record, statuses[i]!));
  }
}

/** CSV, UTF-8 with a BOM so that Excel opens the Chinese text correctly; CRLF line ends (RFC 4180). */
export async function* csvExport(db: OfficeDb, campaign: Campaign, below: number): AsyncGenerator<string> {
  const table = exportTable(campaign);
  let buf = '\uFEFF' + csvLine(table.headers);
  for await (const rows of tableRows(db, campaign, below, table)) {
    for (const cells of rows) buf += csvLine(cells);
    if (buf.length >= 128 * 1024) {
      yield buf;
      buf = '';
    }
  }
  yield buf;
}

/** Writes the CSV into `out`, reading on only as fast as `out` drains; resolves when done (or the client left). */
export async function writeCsv(db: OfficeDb, campaign: Campaign, below: number, out: PassThrough): Promise<void> {
  for await (const chunk of csvExport(db, campaign, below)) {
    if (out.destroyed) return; // the client went away
    if (!out.write(chunk)) await drained(out);
  }
  out.end();
}

/**
 * XLSX through exceljs's streaming writer into `out`: rows are committed as they are read, and
 * reading waits whenever the reply is not draining, so memory does not grow with the number of
 * records. The 说明 sheet states the log size the records and their statuses were read at.
 */
export async function writeXlsx(db: OfficeDb, campaign: Campaign, below: number, out: PassThrough): Promise<void> {
  const Excel = await loadExcel();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const table = exportTable(campaign);
  const sheet = workbook.addWorksheet('记录');
  sheet.addRow(table.headers).commit();
  for await (const rows of tableRows(db, campaign, below, table)) {
    for (const cells of rows) sheet.addRow(cells).commit();
    if (out.destroyed) return; // the client went away
    if (out.writableNeedDrain) await drained(out);
  }
  sheet.commit();
  // 说明: what each column holds and what each status means, for whoever opens the file later.
  const notes = workbook.addWorksheet('说明');
  notes.addRow(['列', '说明']).commit();
  for (const [head, note] of table.notes) notes.addRow([head, note]).commit();
  notes.addRow([]).commit();
  notes.addRow(['状态', '含义']).commit();
  for (const [code, label] of Object.entries(STATUS_LABELS)) notes.addRow([code, label]).commit();
  notes.addRow([]).commit();
  notes.addRow(['统计口径', '统计排名只计入状态为 counted 的问卷，按其更正后的版本；数据透视时请先按“状态”筛选 counted。']).commit();
  notes
    .addRow([
      '审计日志',
      below,
      `本文件含审计日志前 ${below} 条中本活动的全部记录；每条记录的状态（更正、作废、审核决定）也截至这 ${below} 条，与记录在同一时刻读取。`,
    ])
    .commit();
  notes.commit();
  await workbook.commit();
}
