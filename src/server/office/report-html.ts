import { headerLines } from './report-header';
import { esc, fig2, htmlPage } from './html-page';
import { reportColumns, type Report, type ReportColumn } from './report';

/**
 * The print view of the 通报 (A4 landscape): nothing of the console, the header, then each table on
 * its own page (排名, then each category), the first and last three marked, page numbers in the
 * bottom margin ("第 n 页 / 共 m 页"). Table heads repeat on every page; every column fits the
 * page width (narrow figures, the unit name and the notes wrap).
 */
const CSS = `
@page { size: A4 landscape; margin: 12mm 10mm 14mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font: 8pt sans-serif; color: #444; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 9pt; color: #000; margin: 0 auto; max-width: 277mm; padding: 8px; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6px; }
h2 { font-size: 12pt; margin: 8px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0 0 8px; font-size: 8pt; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
th, td { border: 0.6pt solid #555; padding: 2px 3px; vertical-align: middle; }
th { background: #eee; font-weight: bold; text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { overflow-wrap: anywhere; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
tr.top td { background: #e3f2e5; } tr.bottom td { background: #fbe4e2; }
tr.top td.mark, tr.bottom td.mark { font-weight: bold; }
section + section { break-before: page; }
.legend { font-size: 8pt; margin: 4px 0 0; }
.screen { background: #fff8d6; border: 1px solid #d9b800; padding: 6px 10px; margin-bottom: 8px; }
@media print { .screen { display: none; } body { padding: 0; max-width: none; } tr.top td, tr.bottom td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function cell(c: ReportColumn, v: string | number | null, mark: boolean): string {
  const cls = mark ? 't mark' : c.kind === 'text' ? 't' : 'n';
  if (v === null) return `<td class="${cls}">${c.kind === 'text' ? '' : '—'}</td>`;
  return `<td class="${cls}">${esc(c.kind === 'score' && typeof v === 'number' ? fig2(v) : v)}</td>`;
}

/** The 通报 as a self-contained page that prints on A4 (served with the CSP of htmlPage). */
export function reportHtml(report: Report): { html: string; csp: string } {
  const columns = reportColumns(report);
  const h = report.header;
  const header = `<header><h1>${esc(h.campaignName)} 评议结果通报</h1><dl>${headerLines(h)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('')}</dl></header>`;
  const sections = report.tables.map((t) => {
    const head = `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c.head)}</th>`).join('')}</tr></thead>`;
    const rows = t.rows
      .map(
        (r) =>
          `<tr data-unit="${esc(r.unitId)}"${r.mark ? ` class="${r.mark}"` : ''}>${columns.map((c) => cell(c, c.value(r, t), c.head === '通报')).join('')}</tr>`,
      )
      .join('');
    const caption = t.by === 'rank' ? '全部被评单位排名' : `${t.title}（类别内排名）`;
    return `<section><h2>${esc(caption)}</h2><table>${head}<tbody>${rows}</tbody></table></section>`;
  });
  const legend = `<p class="legend">名次按总分从高到低，总分相同（保留两位小数）者名次并列；未排名的单位列在最后。绿色为前三名（通报表扬），红色为后三名（通报批评）。分数按完整精度计算，显示保留两位小数。</p>`;
  const hint = `<p class="screen">打印或另存为 PDF：使用浏览器的“打印”（Ctrl+P），纸张 A4 横向。页码由本页自带。</p>`;
  return htmlPage({
    lang: 'zh-Hans',
    title: `${h.campaignName} 评议结果通报`,
    css: CSS,
    body: `${hint}${header}${sections.join('')}${legend}`,
  });
}
