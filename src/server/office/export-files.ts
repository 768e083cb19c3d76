import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord } from '../../domain/records';
import { campaignRecords } from './export-source';
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

/** CSV, UTF-8 with a BOM so that Excel opens the Chinese text correctly; CRLF line ends (RFC 4180). */
export async function* csvExport(db: OfficeDb, campaign: Campaign, below: number): AsyncGenerator<string> {
  const table = exportTable(campaign);
  let buf = '\uFEFF' + csvLine(table.headers);
  for await (const stored of campaignRecords(db, campaign.id, below)) {
    buf += csvLine(table.row(stored, JSON.parse(stored.canon) as PingyiRecord));
    if (buf.length >= 128 * 1024) {
      yield buf;
      buf = '';
    }
  }
  yield buf;
}

/**
 * XLSX through exceljs's streaming writer: rows are committed as they are read, and reading waits
 * whenever the reply is not draining, so memory does not grow with the number of records.
 */
export function xlsxExport(db: OfficeDb, campaign: Campaign, below: number, onError: (e: unknown) => void): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const table = exportTable(campaign);
  (async () => {
    const sheet = workbook.addWorksheet('记录');
    sheet.addRow(table.headers).commit();
    let n = 0;
    for await (const stored of campaignRecords(db, campaign.id, below)) {
      sheet.addRow(table.row(stored, JSON.parse(stored.canon) as PingyiRecord)).commit();
      if (out.destroyed) return; // the client went away
      if (++n % 500 === 0 && out.writableNeedDrain) await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => {
    onError(e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return out;
}
