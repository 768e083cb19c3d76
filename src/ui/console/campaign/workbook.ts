import ExcelJS from 'exceljs';
import { CampaignSchema, type Campaign } from '../../../domain/campaign';
import { CAMPAIGN_SHEET, COMPONENT_SHEET, LIST_SHEETS, NO_LIMIT, SOURCE_WORDS, YES, type Column } from './workbook-layout';
import { problemAt, readCell, type RowIndex, type WorkbookProblem } from './workbook-read';

export type { WorkbookProblem } from './workbook-read';

type Loose = Record<string, unknown>;

/** Writes a definition as a workbook (one sheet per list; see workbook-layout.ts). */
export async function campaignToWorkbook(c: Campaign): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const main = wb.addWorksheet(CAMPAIGN_SHEET.name);
  main.addRow(['项目', '内容']);
  const bonus = c.scoring.bonus;
  const single: Loose = {
    ...c,
    rankWithin: c.scoring.rankWithin === 'category' ? YES : undefined,
    bonusLabel: bonus?.label,
    bonusComponent: bonus?.component,
    bonusByRank: bonus?.byRank.join('、'),
    encryptionKey: c.encryptionKey ? JSON.stringify(c.encryptionKey) : undefined,
    ...limitsOut(c.limits),
  };
  for (const r of CAMPAIGN_SHEET.rows) addRow(main, [r.header, single[r.field] ?? null]);

  for (const sheet of LIST_SHEETS) {
    const items = (c as unknown as Loose)[sheet.list] as Loose[] | undefined;
    if (items === undefined) continue;
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.columns.map((col) => col.header));
    for (const item of items)
      addRow(
        ws,
        sheet.columns.map((col) => cellOut(col, getPath(item, col.field))),
      );
  }

  const ws = wb.addWorksheet(COMPONENT_SHEET.name);
  ws.addRow(COMPONENT_SHEET.columns.map((col) => col.header));
  for (const k of c.scoring.components) {
    for (const p of k.parts) {
      const manual = p.from === 'manual' ? p : undefined;
      addRow(ws, [k.id, k.label, k.max, SOURCE_WORDS[p.from], manual?.id ?? null, manual?.label ?? null, p.weight]);
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Adds a row of values, each text escaped for OOXML: a reader turns `_xHHHH_` in a cell's text
 * into the character U+HHHH, so text that holds such a run literally is written with its
 * underscore escaped (`_x005F_`), and reads back as written.
 */
function addRow(ws: ExcelJS.Worksheet, cells: unknown[]): void {
  ws.addRow(cells.map((v) => (typeof v === 'string' ? v.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : v)));
}

/** `limits` as three rows of the 活动 sheet: empty takes the default, 不限 turns the limit off. */
function limitsOut(l: Campaign['limits']): Loose {
  const off = l === null;
  const perDay = off ? null : l?.maxPerDevicePerDay;
  const burst = off ? null : l?.burst;
  return {
    limitPerDay: perDay === null ? NO_LIMIT : perDay,
    limitBurstCount: burst === null ? NO_LIMIT : burst?.count,
    limitBurstMinutes: burst?.minutes,
  };
}

/**
 * The three limit rows read back: both limits 不限 is `limits: null`, all three empty is no
 * `limits` (the defaults), otherwise the limits given (the others keep their defaults).
 */
function limitsIn(single: Loose, rows: RowIndex, problems: WorkbookProblem[]): Campaign['limits'] {
  const cell = (field: string) => {
    const v = single[field];
    return v === undefined ? undefined : String(v).trim();
  };
  const problem = (field: string, message: string) => {
    const header = CAMPAIGN_SHEET.rows.find((r) => r.field === field)!.header;
    problems.push({
      sheet: CAMPAIGN_SHEET.name,
      row: rows.single.get(field) ?? 0,
      column: '内容',
      message: `「${CAMPAIGN_SHEET.name}」「${header}」：${message}`,
    });
    return undefined;
  };
  const int = (field: string, min: number, max: number): number | undefined => {
    const n = Number(cell(field));
    return Number.isInteger(n) && n >= min && n <= max ? n : problem(field, `应为 ${min} 到 ${max} 之间的整数，或填「${NO_LIMIT}」，或留空（默认）。`);
  };
  const perDayText = cell('limitPerDay');
  const perDay = perDayText === undefined ? undefined : perDayText === NO_LIMIT ? null : int('limitPerDay', 1, 100_000);
  const count = cell('limitBurstCount');
  const minutes = cell('limitBurstMinutes');
  let burst: { count: number; minutes: number } | null | undefined;
  if (count === NO_LIMIT) burst = minutes === undefined ? null : problem('limitBurstMinutes', `短时上限为「${NO_LIMIT}」时，分钟数应留空。`);
  else if (count === undefined && minutes === undefined) burst = undefined;
  else if (count === undefined || minutes === undefined)
    burst = problem(count === undefined ? 'limitBurstCount' : 'limitBurstMinutes', '问卷份数和分钟数应同时填写，或同时留空（默认 5 分钟内 10 份）。');
  else {
    const c = int('limitBurstCount', 2, 10_000);
    const m = int('limitBurstMinutes', 1, 1440);
    burst = c !== undefined && m !== undefined ? { count: c, minutes: m } : undefined;
  }
  if (perDay === null && burst === null) return null;
  if (perDay === undefined && burst === undefined) return undefined;
  return { ...(perDay !== undefined ? { maxPerDevicePerDay: perDay } : {}), ...(burst !== undefined ? { burst } : {}) };
}

/** A field of an item by its column's path (`labels.en`). */
function getPath(item: Loose, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Loose)[k] : undefined), item);
}

function setPath(item: Loose, path: string, v: unknown): void {
  const keys = path.split('.');
  let o = item;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Loose;
  o[keys.at(-1)!] = v;
}

function cellOut(col: Column, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (col.kind === 'flag') return v === true ? YES : null;
  return v;
}

export type WorkbookResult = { ok: true; campaign: Campaign } | { ok: false; problems: WorkbookProblem[] };

/**
 * Reads a workbook written by campaignToWorkbook (or by an office in Excel) back into a definition,
 * checked with the same schema as the server. Every mistake is named by sheet, row and column, in
 * Chinese; nothing partial is returned.
 */
export async function campaignFromWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<WorkbookResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes instanceof Uint8Array ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) : bytes);
  } catch {
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', message: '这不是一个可以读取的 Excel 工作簿（.xlsx）。' }] };
  }
  const problems: WorkbookProblem[] = [];
  const out: Loose = {};
  const rows: RowIndex = { single: new Map(), lists: new Map(), parts: [] };

  const main = wb.getWorksheet(CAMPAIGN_SHEET.name);
  const single: Loose = {};
  if (!main) problems.push({ sheet: CAMPAIGN_SHEET.name, row: 0, column: '', message: `缺少工作表「${CAMPAIGN_SHEET.name}」。` });
  else {
    const byHeader = new Map<string, number>();
    main.eachRow((row, n) => {
      if (n > 1) byHeader.set(String(row.getCell(1).text).trim(), n);
    });
    for (const r of CAMPAIGN_SHEET.rows) {
      const n = byHeader.get(r.header);
      if (n === undefined) {
        if (!r.optional)
          problems.push({ sheet: CAMPAIGN_SHEET.name, row: 0, column: r.header, message: `工作表「${CAMPAIGN_SHEET.name}」缺少「${r.header}」一行。` });
        continue;
      }
      rows.single.set(r.field, n);
      const v = readCell(main.getRow(n).getCell(2), r, { sheet: CAMPAIGN_SHEET.name, row: n, column: '内容' }, problems);
      if (v !== undefined) single[r.field] = v;
    }
  }
  for (const f of ['id', 'name', 'year', 'issuer', 'minSamplePerGroup', 'minSampleToRank', 'previous']) if (single[f] !== undefined) out[f] = single[f];
  out.encryptionKey = single.encryptionKey ?? null;

  for (const sheet of LIST_SHEETS) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) {
      if (!sheet.optional) problems.push({ sheet: sheet.name, row: 0, column: '', message: `缺少工作表「${sheet.name}」。` });
      continue;
    }
    const read = readList(ws, sheet.name, sheet.columns, problems);
    out[sheet.list] = read.items;
    rows.lists.set(sheet.list, read.rows);
  }

  const scoring: Loose = { components: readComponents(wb, problems, rows) };
  if (single.bonusLabel !== undefined || single.bonusComponent !== undefined || single.bonusByRank !== undefined) {
    const byRank = String(single.bonusByRank ?? '')
      .split(/[、,，\s]+/)
      .filter(Boolean)
      .map(Number);
    if (byRank.some((x) => !Number.isFinite(x)))
      problems.push({ sheet: CAMPAIGN_SHEET.name, row: 0, column: '加分（按名次，用、分隔）', message: '加分应为用、分隔的数字，例如 0.5、0.4、0.3。' });
    scoring.bonus = { label: single.bonusLabel, component: single.bonusComponent, byRank };
  }
  if (single.rankWithin === true) scoring.rankWithin = 'category';
  const limits = limitsIn(single, rows, problems);
  if (limits !== undefined) out.limits = limits;
  out.scoring = scoring;
  if (problems.length > 0) return { ok: false, problems };

  const parsed = CampaignSchema.safeParse(out);
  if (parsed.success) return { ok: true, campaign: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, 20).map((i) => problemAt(i.path, i.message, rows)) };
}

/** The rows of a list sheet below its header, blank rows skipped, each cell read by its column. */
function readList(ws: ExcelJS.Worksheet, sheet: string, columns: Column[], problems: WorkbookProblem[]): { items: Loose[]; rows: number[] } {
  const header = ws.getRow(1);
  const at = new Map<string, number>();
  header.eachCell((cell, n) => at.set(String(cell.text).trim(), n));
  for (const col of columns)
    if (!at.has(col.header) && !col.optional)
      problems.push({ sheet, row: 1, column: col.header, message: `工作表「${sheet}」第 1 行缺少「${col.header}」列。` });
  const items: Loose[] = [];
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    if (columns.every((col) => !at.has(col.header) || String(row.getCell(at.get(col.header)!).text).trim() === '')) return;
    const item: Loose = {};
    for (const col of columns) {
      const c = at.get(col.header);
      const v = c === undefined ? undefined : readCell(row.getCell(c), col, { sheet, row: n, column: col.header }, problems);
      if (v !== undefined) setPath(item, col.field, v);
      // An empty 分值 is 不了解 (recorded, not counted); an empty 类别 is no category.
      else if (col.kind === 'optional-number') item[col.field] = null;
      else if (col.field === 'category') item.category = '';
    }
    items.push(item);
    rows.push(n);
  });
  return { items, rows };
}

/** The 得分构成 sheet: consecutive rows with the same 分项编号 are the parts of one component. */
function readComponents(wb: ExcelJS.Workbook, problems: WorkbookProblem[], index: RowIndex): Loose[] {
  const ws = wb.getWorksheet(COMPONENT_SHEET.name);
  if (!ws) {
    problems.push({ sheet: COMPONENT_SHEET.name, row: 0, column: '', message: `缺少工作表「${COMPONENT_SHEET.name}」。` });
    return [];
  }
  const components: Loose[] = [];
  const read = readList(ws, COMPONENT_SHEET.name, COMPONENT_SHEET.columns, problems);
  read.items.forEach((r, i) => {
    const from = r.from === SOURCE_WORDS.survey ? 'survey' : r.from === SOURCE_WORDS.manual ? 'manual' : r.from;
    const part: Loose =
      from === 'manual' ? { from, id: r.id, ...(r.label !== undefined ? { label: r.label } : {}), weight: r.weight } : { from, weight: r.weight };
    const last = components.at(-1);
    if (last && last.id === r.component) {
      (last.parts as Loose[]).push(part);
      index.parts.at(-1)!.push(read.rows[i]!);
    } else {
      components.push({ id: r.component, label: r.componentLabel, max: r.max, parts: [part] });
      index.parts.push([read.rows[i]!]);
    }
  });
  return components;
}

/**
 * What the workbook does not hold, taken from the version in force: the field app's `ui` settings
 * and each dimension's hint in other languages (`hints`, by dimension id). Without it an import
 * would silently drop them.
 */
export function withUnsheeted(read: Campaign, current: Campaign): Campaign {
  const hints = new Map(current.dimensions.flatMap((d) => (d.hints ? [[d.id, d.hints] as const] : [])));
  return {
    ...read,
    ...(current.ui && read.ui === undefined ? { ui: current.ui } : {}),
    dimensions: read.dimensions.map((d) => (d.hints === undefined && hints.has(d.id) ? { ...d, hints: hints.get(d.id)! } : d)),
  };
}
