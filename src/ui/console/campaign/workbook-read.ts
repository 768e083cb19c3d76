import type ExcelJS from 'exceljs';
import { CAMPAIGN_SHEET, COMPONENT_SHEET, LIST_SHEETS, YES, type Column } from './workbook-layout';

/** A mistake in a workbook: where (sheet, row from 1, column header) and what, in Chinese. */
export interface WorkbookProblem {
  sheet: string;
  /** Spreadsheet row number (1 is the header row); 0 when the problem is a missing sheet or row. */
  row: number;
  column: string;
  message: string;
}

/** Where each value came from, to name the cell of a problem the schema finds. */
export interface RowIndex {
  single: Map<string, number>;
  lists: Map<string, number[]>;
  /** Per component, the row of each part. */
  parts: number[][];
}

const where = (w: { sheet: string; row: number; column: string }) => `「${w.sheet}」第 ${w.row} 行「${w.column}」列`;

/** One cell as the column's kind wants it; undefined when empty; a problem noted when it cannot be read. */
export function readCell(cell: ExcelJS.Cell, col: Column, at: { sheet: string; row: number; column: string }, problems: WorkbookProblem[]): unknown {
  const raw = cell.value;
  const text = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(cell.text ?? '');
  if (text.trim() === '' && typeof raw !== 'number') return undefined;
  const fail = (message: string) => {
    problems.push({ ...at, message: `${where(at)}：${message}` });
    return undefined;
  };
  switch (col.kind) {
    case 'number':
    case 'optional-number': {
      const n = typeof raw === 'number' ? raw : Number(text.trim());
      return Number.isFinite(n) ? n : fail('应为数字。');
    }
    case 'flag':
      return text.trim() === YES ? true : fail(`只能填「${YES}」或留空。`);
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        return fail('应为 JSON 格式的公钥（由“生成密钥”得到）。');
      }
    case 'id':
      return text.trim();
    default:
      return text;
  }
}

/** A schema message in Chinese (the schema's own words are for the API). */
function chinese(message: string): string {
  if (/letters, digits/.test(message)) return '编号只能用字母、数字、- 和 _（1–64 个）。';
  if (/must be unique/.test(message)) return '编号重复了，每个编号只能用一次。';
  if (/weights must sum to 1/.test(message)) return '各评议主体的权重合计应为 1（即 100 %）。';
  if (/at least one level must be counted/.test(message)) return '至少要有一个计分的评价等级。';
  if (/unknown component/.test(message)) return '加分计入的分项不存在。';
  if (/unknown dimension/.test(message)) return '所属评议内容应为「评议内容」中的一个编号。';
  if (/cannot follow itself/.test(message)) return '上一年度活动不能是本活动自己。';
  if (/Too small|>=|too_small/i.test(message)) return '不能为空，或数值太小。';
  if (/Too big|<=/i.test(message)) return '太长或数值太大。';
  return `填写有误（${message}）。`;
}

/** Names the cell of a problem the schema found at `path` in the assembled definition. */
export function problemAt(path: readonly PropertyKey[], message: string, rows: RowIndex): WorkbookProblem {
  const [top, i, field, j, partField] = path.map(String);
  const text = chinese(message);
  const at = (sheet: string, row: number, column: string): WorkbookProblem => ({
    sheet,
    row,
    column,
    message: row ? `${where({ sheet, row, column })}：${text}` : `「${sheet}」${column ? `「${column}」` : ''}：${text}`,
  });
  const list = LIST_SHEETS.find((s) => s.list === top);
  if (list) {
    const row = i !== undefined ? (rows.lists.get(top!)?.[Number(i)] ?? 0) : 0;
    return at(list.name, row, list.columns.find((c) => c.field === field)?.header ?? '');
  }
  if (top === 'scoring' && i === 'components') {
    const k = Number(field);
    const partRows = rows.parts[k] ?? [];
    const row = j === 'parts' ? (partRows[Number(partField)] ?? partRows[0] ?? 0) : (partRows[0] ?? 0);
    const sub = j === 'parts' ? path.map(String)[5] : j;
    const header = COMPONENT_SHEET.columns.find((c) => c.field === (sub === 'label' && j !== 'parts' ? 'componentLabel' : sub))?.header ?? '';
    return at(COMPONENT_SHEET.name, row, header);
  }
  const field1 = top === 'scoring' && i === 'bonus' ? (field === 'byRank' ? 'bonusByRank' : field === 'component' ? 'bonusComponent' : 'bonusLabel') : top!;
  const header = CAMPAIGN_SHEET.rows.find((r) => r.field === field1)?.header ?? '';
  return at(CAMPAIGN_SHEET.name, rows.single.get(field1) ?? 0, header || '内容');
}
