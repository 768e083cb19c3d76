import { loadExcel } from './exceljs';
import type { Beside, FeedbackPack, UnitFeedback } from './feedback';
import { esc, fig2, htmlPage } from './html-page';
import { headerLines } from './report-header';

/**
 * The feedback pack as the office hands it to units: a page that prints on A4 (one unit per
 * page or more, nothing of the console) and a workbook with a sheet per unit. Both show the same
 * tables in the same order; the workbook's figures are numbers at full precision, formatted 0.00.
 */

const SOURCE_WORDS = { comment: '问卷留言', forum: '座谈会', stall: '设点咨询', finding: '明察暗访' } as const;
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const rankWords = (u: UnitFeedback, ranked: number) =>
  u.rank === null ? '未排名' : `第 ${u.rank} 名（共 ${ranked} 个排名单位）${u.categoryRank != null ? `，${u.category}第 ${u.categoryRank} 名` : ''}`;

/** Each table of a unit's pack: a title, its column heads and its rows (numbers stay numbers). */
type Cell = string | number | null;
interface Table {
  title: string;
  heads: string[];
  /** How each column is shown: s a score (0.00), p a rate (0.0 %), n a count, t text. */
  kinds: ('s' | 'p' | 'n' | 't')[];
  rows: Cell[][];
}

const beside = (b: Beside): Cell[] => [b.label, b.value, b.average, b.value !== null && b.average !== null ? b.value - b.average : null];

function tables(u: UnitFeedback): Table[] {
  const out: Table[] = [
    {
      title: '总分与构成',
      heads: ['项目', '本单位', '全体平均', '差值'],
      kinds: ['t', 's', 's', 's'],
      rows: [beside(u.total), ...u.components.map((c) => beside({ ...c, label: `${c.label}（满分 ${c.max}）` })), beside(u.survey)],
    },
    { title: '测评维度', heads: ['维度', '本单位', '全体平均', '差值'], kinds: ['t', 's', 's', 's'], rows: u.dimensions.map(beside) },
    {
      title: '评议群体',
      heads: ['群体', '权重', '本单位', '全体平均', '计入答卷', '不了解'],
      kinds: ['t', 'p', 's', 's', 'n', 'n'],
      rows: u.groups.map((g) => [g.label, g.weight, g.value, g.average, g.counted, g.unknown]),
    },
  ];
  if (u.checks.length)
    out.push({
      title: '具体问题（回答“是”的比例）',
      heads: ['问题', '是', '作答', '本单位', '全体'],
      kinds: ['t', 'n', 'n', 'p', 'p'],
      rows: u.checks.map((c) => [c.label, c.yes, c.answered, c.rate, c.average]),
    });
  out.push({
    title: '意见、投诉和问题',
    heads: ['来源', '维度', '类别', '内容', '时间', '甄别', '处理意见'],
    kinds: ['t', 't', 't', 't', 't', 't', 't'],
    rows: u.opinions.map((o) => [SOURCE_WORDS[o.source], o.dimension, o.category, o.text, o.at.slice(0, 16).replace('T', ' '), o.tags.join('、'), o.note]),
  });
  return out;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font: 8pt sans-serif; color: #444; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 9.5pt; color: #000; margin: 0 auto; max-width: 186mm; padding: 8px; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4px; }
h2 { font-size: 11pt; margin: 10px 0 3px; }
p.rank { font-size: 11pt; text-align: center; margin: 0 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0 0 6px; font-size: 7.5pt; color: #333; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.6pt solid #555; padding: 2px 4px; vertical-align: top; }
th { background: #eee; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { overflow-wrap: anywhere; }
tr { break-inside: avoid; } thead { display: table-header-group; }
article + article { break-before: page; }
.empty { color: #555; }
.screen { background: #fff8d6; border: 1px solid #d9b800; padding: 6px 10px; margin-bottom: 8px; }
@media print { .screen { display: none; } body { padding: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function shown(v: Cell, kind: Table['kinds'][number]): string {
  if (v === null) return kind === 't' ? '' : '—';
  if (typeof v === 'number') return kind === 's' ? fig2(v) : kind === 'p' ? pct(v) : String(v);
  return v;
}

/** The pack as a self-contained page that prints on A4 portrait (served with htmlPage's CSP). */
export function feedbackHtml(pack: FeedbackPack): { html: string; csp: string } {
  const h = pack.header;
  const dl = `<dl>${headerLines(h)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('')}</dl>`;
  const units = pack.units.map((u) => {
    const body = tables(u)
      .map((t) => {
        const head = `<thead><tr>${t.heads.map((x) => `<th scope="col">${esc(x)}</th>`).join('')}</tr></thead>`;
        const rows = t.rows
          .map((r) => `<tr>${r.map((v, i) => `<td class="${t.kinds[i] === 't' ? 't' : 'n'}">${esc(shown(v, t.kinds[i]!))}</td>`).join('')}</tr>`)
          .join('');
        return `<h2>${esc(t.title)}</h2>${t.rows.length ? `<table>${head}<tbody>${rows}</tbody></table>` : '<p class="empty">无。</p>'}`;
      })
      .join('');
    const total = `总分 ${fig2(u.total.value)}，${rankWords(u, pack.ranked)}${u.notes.length ? `（${u.notes.join('；')}）` : ''}`;
    return `<article data-unit="${esc(u.unitId)}"><h1>${esc(h.campaignName)} 评议结果反馈：${esc(u.name)}</h1><p class="rank">${esc(total)}</p>${dl}${body}</article>`;
  });
  const hint = `<p class="screen">打印或另存为 PDF：使用浏览器的“打印”（Ctrl+P），纸张 A4 纵向，每个单位从新的一页开始。</p>`;
  return htmlPage({
    lang: 'zh-Hans',
    title: `${h.campaignName} 评议结果反馈`,
    css: CSS,
    body: `${hint}${units.join('') || '<p class="empty">没有所选单位。</p>'}`,
  });
}

/** A sheet name Excel accepts (≤ 31 characters, none of : \ / ? * [ ]), unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || '单位';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

/** The pack as a workbook: a sheet per unit, each starting with the header lines. */
export async function feedbackWorkbook(pack: FeedbackPack): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = pack.header.issuer;
  const used = new Set<string>();
  for (const u of pack.units) {
    const ws = wb.addWorksheet(sheetName(u.name, used), {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.addRow([`${pack.header.campaignName} 评议结果反馈：${u.name}`]).font = { bold: true, size: 14 };
    ws.addRow(['名次', rankWords(u, pack.ranked)]);
    if (u.notes.length) ws.addRow(['说明', u.notes.join('；')]);
    for (const [k, v] of headerLines(pack.header)) ws.addRow([k, v]);
    for (const t of tables(u)) {
      ws.addRow([]);
      ws.addRow([t.title]).font = { bold: true, size: 12 };
      ws.addRow(t.heads).font = { bold: true };
      for (const r of t.rows) {
        const row = ws.addRow(r);
        t.kinds.forEach((k, i) => {
          const cell = row.getCell(i + 1);
          if (k === 's') cell.numFmt = '0.00';
          else if (k === 'p') cell.numFmt = '0.0%';
          else if (k === 'n') cell.numFmt = '0';
          else cell.alignment = { wrapText: true, vertical: 'top' };
        });
      }
      if (t.rows.length === 0) ws.addRow(['无']);
    }
    ws.getColumn(1).width = 22;
    for (let i = 2; i <= 7; i++) ws.getColumn(i).width = i === 4 ? 40 : 14;
  }
  if (pack.units.length === 0) wb.addWorksheet('反馈').addRow(['没有所选单位。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
