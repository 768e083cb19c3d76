import ExcelJS from 'exceljs';
import type { Campaign } from '../../../domain/campaign';
import { ROSTER_STATUSES, RosterPersonSchema, type RosterPerson, type RosterStatus } from '../../../domain/roster';

/**
 * The roster as an Excel workbook (offices keep their 评议员信息库 in Excel): one sheet 代表库, a
 * row per person. Groups, units and statuses are written as the office reads them (labels) and
 * read back from labels or ids. Contacts are written only when the console has opened them;
 * a row without a contact keeps the sealed contact already stored for that id.
 */
export const ROSTER_SHEET = '代表库';
export const ROSTER_COLUMNS = ['编号', '姓名', '评议主体', '来源', '推荐单位', '状态', '原因/说明', '联系单位', '联系方式'] as const;

export const STATUS_WORDS: Record<RosterStatus, string> = {
  candidate: '候选',
  approved: '已审定',
  appointed: '已聘请',
  disqualified: '已取消资格',
};

/** A person read from a workbook: the contact as typed (to be sealed), never ciphertext. */
export type ImportedPerson = Omit<RosterPerson, 'contact'> & { contactText?: string };
export interface RosterProblemAt {
  row: number;
  column: string;
  message: string;
}

/** Writes the roster; `contacts` holds the opened contacts by person id. */
export async function rosterToWorkbook(people: readonly RosterPerson[], campaign: Campaign, contacts: ReadonlyMap<string, string>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ROSTER_SHEET);
  ws.addRow([...ROSTER_COLUMNS]);
  const group = new Map(campaign.raterGroups.map((g) => [g.id, g.label]));
  const unit = new Map(campaign.units.map((u) => [u.id, u.name]));
  for (const p of people) {
    ws.addRow([
      p.id,
      p.name,
      group.get(p.group) ?? p.group,
      p.source,
      p.recommendedBy ?? null,
      STATUS_WORDS[p.status],
      p.reason ?? null,
      (p.units ?? []).map((u) => unit.get(u) ?? u).join('、') || null,
      contacts.get(p.id) ?? null,
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = [12, 10, 12, 12, 16, 10, 24, 24, 20][i]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

/** Reads a roster workbook; every problem names its row and column, and any problem means no roster. */
export async function rosterFromWorkbook(
  bytes: Uint8Array,
  campaign: Campaign,
): Promise<{ ok: true; people: ImportedPerson[] } | { ok: false; problems: RosterProblemAt[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ row: 0, column: '', message: '这不是可读取的 .xlsx 文件' }] };
  }
  const ws = wb.getWorksheet(ROSTER_SHEET) ?? wb.worksheets[0];
  if (!ws) return { ok: false, problems: [{ row: 0, column: '', message: `缺少工作表“${ROSTER_SHEET}”` }] };
  const header = ROSTER_COLUMNS.map((_, i) => text(ws.getRow(1).getCell(i + 1)));
  const problems: RosterProblemAt[] = [];
  ROSTER_COLUMNS.forEach((h, i) => {
    if (header[i] !== h) problems.push({ row: 1, column: h, message: `第 1 行第 ${i + 1} 列应为“${h}”` });
  });
  if (problems.length > 0) return { ok: false, problems };

  const groupOf = new Map<string, string>();
  for (const g of campaign.raterGroups) groupOf.set(g.id, g.id).set(g.label, g.id);
  const unitOf = new Map<string, string>();
  for (const u of campaign.units) unitOf.set(u.id, u.id).set(u.name, u.id);
  const statusOf = new Map<string, RosterStatus>();
  for (const s of ROSTER_STATUSES) statusOf.set(s, s).set(STATUS_WORDS[s], s);

  const people: ImportedPerson[] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = ROSTER_COLUMNS.map((_, i) => text(ws.getRow(r).getCell(i + 1)));
    if (cells.every((c) => c === '')) continue;
    const [id, name, groupText, source, recommendedBy, statusText, reason, unitsText, contact] = cells as [string, ...string[]];
    const at = (column: (typeof ROSTER_COLUMNS)[number], message: string) => problems.push({ row: r, column, message: `第 ${r} 行“${column}”：${message}` });
    const group = groupOf.get(groupText!);
    if (!group) at('评议主体', `“${groupText}”不是本活动的评议主体`);
    const status = statusOf.get(statusText!);
    if (!status) at('状态', `“${statusText}”应为 候选、已审定、已聘请 或 已取消资格`);
    const units: string[] = [];
    for (const u of unitsText!
      .split(/[、,，;；\n]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const known = unitOf.get(u);
      if (known) units.push(known);
      else at('联系单位', `“${u}”不是本活动的被评单位`);
    }
    if (seen.has(id)) at('编号', `编号“${id}”重复`);
    seen.add(id);
    if (!group || !status) continue;
    const person = {
      id,
      name: name!,
      group,
      source: source!,
      ...(recommendedBy ? { recommendedBy } : {}),
      status,
      ...(reason ? { reason } : {}),
      ...(units.length > 0 ? { units } : {}),
    };
    const checked = RosterPersonSchema.safeParse(person);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const column = { id: '编号', name: '姓名', source: '来源', recommendedBy: '推荐单位', reason: '原因/说明' }[String(issue.path[0])] ?? '编号';
      at(column as (typeof ROSTER_COLUMNS)[number], issue.path[0] === 'reason' && !reason ? '取消资格必须填写原因' : issue.message);
      continue;
    }
    people.push({ ...checked.data, ...(contact ? { contactText: contact } : {}) });
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 50) } : { ok: true, people };
}
