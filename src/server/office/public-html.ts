import type { Campaign } from '../../domain/campaign';
import type { Flag } from '../../domain/scoring';
import { shanghaiMinute } from '../../domain/shanghai-time';
import { esc, fig2, htmlPage } from './html-page';
import type { Publication } from './publications';
import type { RectPublication } from './rect-publication';

export type PublicLang = 'zh-Hans' | 'zh-Hant' | 'en';

const WORDS = {
  'zh-Hans': {
    title: '{name} 评议结果公示',
    issued: '{issuer} · {year} 年度',
    publishedAt: '公示时间 {when}（北京时间），依据活动第 {version} 版、审计日志前 {size} 条记录计算于 {computed}。',
    rank: '名次',
    categoryRank: '类别内名次',
    unit: '被评单位',
    category: '类别',
    total: '总分',
    survey: '问卷满意度',
    counted: '计入问卷',
    notes: '说明',
    unranked: '未排名',
    provisional: '暂定',
    legend: '名次按总分从高到低，总分相同（保留两位小数）者并列。— 表示没有可计算的分数。',
    verifyHeading: '如何核验',
    verify1: '本页数据由服务器签名，任何人都可以核验，无需登录：',
    verifyData: '公示数据（JSON，含签名）',
    verifyKey: '服务器公钥',
    verify2: '服务器公钥的指纹（RFC 7638）应为 {keyId}，与纠风办印发的通报所载指纹一致。',
    verify3: '下载以上两个文件后运行 npm run verify -- published <公示数据.json> --key <公钥.json>，检查签名（Ed25519，对 RFC 8785 规范化的统计结果）。',
    verify4: '公证人员持纠风办提供的核验文件（JSONL）运行 npm run verify <文件>，可由原始记录重新计算本次公示的排名，并核对审计日志根哈希 {root}。',
    noData: '公示内容不含任何个人信息、采集人员、设备或问卷内容。',
    missingTitle: '尚未公示',
    missing: '此评议活动尚无公示结果。',
    withdrawnTitle: '公示已撤回',
    withdrawn: '此评议活动的结果公示已于 {when}（北京时间）由发布单位撤回，目前没有公示结果。',
    rectHeading: '整改情况公示',
    rectIntro: '以下为已整改关闭的问题，公示时间 {when}（北京时间）。公示内容不含投诉人、采集人或任何个人信息。',
    rectNone: '暂无已关闭的整改项。',
    measures: '整改措施',
    closedAt: '关闭日期',
    closeReason: '整改结果',
    problem: '问题',
    flags: { incomplete: '数据不完整', 'small-sample': '样本不足', retired: '已停用', vetoed: '一票否决' } as Record<Flag, string>,
  },
  'zh-Hant': {
    title: '{name} 評議結果公示',
    issued: '{issuer} · {year} 年度',
    publishedAt: '公示時間 {when}（北京時間），依據活動第 {version} 版、稽核日誌前 {size} 筆記錄計算於 {computed}。',
    rank: '名次',
    categoryRank: '類別內名次',
    unit: '被評單位',
    category: '類別',
    total: '總分',
    survey: '問卷滿意度',
    counted: '計入問卷',
    notes: '說明',
    unranked: '未排名',
    provisional: '暫定',
    legend: '名次按總分從高到低，總分相同（保留兩位小數）者並列。— 表示沒有可計算的分數。',
    verifyHeading: '如何核驗',
    verify1: '本頁資料由伺服器簽章，任何人都可以核驗，無需登入：',
    verifyData: '公示資料（JSON，含簽章）',
    verifyKey: '伺服器公鑰',
    verify2: '伺服器公鑰的指紋（RFC 7638）應為 {keyId}，與糾風辦印發的通報所載指紋一致。',
    verify3: '下載以上兩個檔案後執行 npm run verify -- published <公示資料.json> --key <公鑰.json>，檢查簽章（Ed25519，對 RFC 8785 規範化的統計結果）。',
    verify4: '公證人員持糾風辦提供的核驗檔案（JSONL）執行 npm run verify <檔案>，可由原始記錄重新計算本次公示的排名，並核對稽核日誌根雜湊 {root}。',
    noData: '公示內容不含任何個人資訊、採集人員、裝置或問卷內容。',
    missingTitle: '尚未公示',
    missing: '此評議活動尚無公示結果。',
    withdrawnTitle: '公示已撤回',
    withdrawn: '此評議活動的結果公示已於 {when}（北京時間）由發布單位撤回，目前沒有公示結果。',
    rectHeading: '整改情況公示',
    rectIntro: '以下為已整改關閉的問題，公示時間 {when}（北京時間）。公示內容不含投訴人、採集人或任何個人資訊。',
    rectNone: '暫無已關閉的整改項。',
    measures: '整改措施',
    closedAt: '關閉日期',
    closeReason: '整改結果',
    problem: '問題',
    flags: { incomplete: '資料不完整', 'small-sample': '樣本不足', retired: '已停用', vetoed: '一票否決' } as Record<Flag, string>,
  },
  en: {
    title: '{name}: published results',
    issued: '{issuer} · {year}',
    publishedAt: 'Published {when} (Beijing time); computed {computed} from campaign version {version} over the first {size} entries of the audit log.',
    rank: 'Rank',
    categoryRank: 'Rank in category',
    unit: 'Unit',
    category: 'Category',
    total: 'Total',
    survey: 'Survey satisfaction',
    counted: 'Questionnaires counted',
    notes: 'Notes',
    unranked: 'Unranked',
    provisional: 'Provisional',
    legend: 'Ranked by total, highest first; equal totals (to 2 decimals) share a rank. — means no score could be computed.',
    verifyHeading: 'How to verify',
    verify1: 'The server signs what this page shows; anyone can check it, without signing in:',
    verifyData: 'Published data (JSON, with its signature)',
    verifyKey: 'Server public key',
    verify2: 'The server key’s fingerprint (RFC 7638) must be {keyId}, the one printed in the office’s report.',
    verify3:
      'Download both files and run npm run verify -- published <published.json> --key <server-key.json> to check the signature (Ed25519 over the RFC 8785 canonical tally).',
    verify4:
      'A notary holding the office’s verifiable export (JSONL) runs npm run verify <file>: it recomputes this published ranking from the records and checks the audit-log root {root}.',
    noData: 'Nothing published here is personal: no collector, device or questionnaire content.',
    missingTitle: 'Not published',
    missing: 'Nothing has been published for this campaign.',
    withdrawnTitle: 'Publication withdrawn',
    withdrawn: 'The published results of this campaign were withdrawn by the issuing office on {when} (Beijing time); nothing is published now.',
    rectHeading: 'Rectification: problems fixed and closed',
    rectIntro: 'The problems closed after rectification, published {when} (Beijing time). Nothing here names a complainant, a collector or any person.',
    rectNone: 'No item has been closed yet.',
    measures: 'Measures',
    closedAt: 'Closed on',
    closeReason: 'Outcome',
    problem: 'Problem',
    flags: { incomplete: 'Incomplete', 'small-sample': 'Small sample', retired: 'Retired', vetoed: 'Vetoed (一票否决)' } as Record<Flag, string>,
  },
} as const;

const fill = (s: string, vars: Record<string, string | number>) => esc(s).replace(/\{(\w+)\}/g, (_, k: string) => esc(vars[k] ?? ''));

const CSS = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 16px; line-height: 1.5; color: #111; margin: 0 auto; max-width: 1100px; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0.2em 0; } h2 { font-size: 1.2rem; margin-top: 1.5em; }
nav { display: flex; gap: 12px; justify-content: flex-end; } nav a { padding: 10px 12px; min-height: 44px; display: inline-block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; } caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #999; padding: 6px 8px; } th { background: #eef; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-size: 0.9em; overflow-wrap: anywhere; background: #f4f4f4; padding: 0 3px; }
.muted { color: #444; } .tag { border: 1px solid #a60; color: #7a3d00; padding: 0 6px; border-radius: 4px; }
`;

/**
 * The public page (公示) of a published tally: the ranking and how to check it, and the closed
 * rectification items once published. No script, no personal data. With neither: 尚未公示, or, when
 * `withdrawnAt` is given, 公示已撤回 with its time (the reason stays in the office action, not on the
 * public page).
 */
export function publicHtml(
  lang: PublicLang,
  p: { campaign: Campaign; publication: Publication | null; serverKeyId: string; rect?: RectPublication | null } | null,
  withdrawnAt?: string,
): { html: string; csp: string } {
  const w = WORDS[lang];
  const langs = `<nav aria-label="Language">${(['zh-Hans', 'zh-Hant', 'en'] as const)
    .map((l) =>
      l === lang
        ? `<strong lang="${l}">${{ 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' }[l]}</strong>`
        : `<a lang="${l}" href="?lang=${l}">${{ 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' }[l]}</a>`,
    )
    .join('')}</nav>`;
  if (!p && withdrawnAt !== undefined)
    return htmlPage({
      lang,
      title: w.withdrawnTitle,
      css: CSS,
      body: `${langs}<main><h1>${esc(w.withdrawnTitle)}</h1><p data-withdrawn-at="${esc(withdrawnAt)}">${fill(w.withdrawn, { when: shanghaiMinute(withdrawnAt) })}</p></main>`,
    });
  if (!p) return htmlPage({ lang, title: w.missingTitle, css: CSS, body: `${langs}<main><h1>${esc(w.missingTitle)}</h1><p>${esc(w.missing)}</p></main>` });
  const { campaign, publication, serverKeyId } = p;
  const rect = p.rect ? rectSection(w, p.rect) : '';
  if (!publication) {
    const title = fill(w.title, { name: campaign.name });
    const body = `${langs}<main><h1>${title}</h1><p>${fill(w.issued, { issuer: campaign.issuer, year: campaign.year })}</p>${rect}</main>`;
    return htmlPage({ lang, title, css: CSS, body });
  }
  const t = publication.tally;
  const categoryOf = new Map(campaign.units.map((u) => [u.id, u.category]));
  const byCategory = t.units.some((u) => u.categoryRank !== undefined);
  const comps = campaign.scoring.components;
  const head = [
    w.rank,
    ...(byCategory ? [w.categoryRank] : []),
    w.unit,
    w.category,
    w.total,
    ...comps.map((c) => `${c.label}（${c.max}）`),
    w.survey,
    w.counted,
    w.notes,
  ];
  const rows = t.units
    .map((u) => {
      const cells = [
        `<td class="n">${u.rank === null ? esc(w.unranked) : u.rank}</td>`,
        ...(byCategory ? [`<td class="n">${u.categoryRank ?? '—'}</td>`] : []),
        `<th scope="row">${esc(u.name)}</th>`,
        `<td>${esc(categoryOf.get(u.unitId) ?? '')}</td>`,
        `<td class="n">${fig2(u.total)}</td>`,
        ...comps.map((c) => `<td class="n">${fig2(u.components[c.id])}</td>`),
        `<td class="n">${fig2(u.survey.score)}</td>`,
        `<td class="n">${u.counts?.counted ?? 0}</td>`,
        `<td>${esc(u.flags.map((f) => w.flags[f]).join('、'))}</td>`,
      ];
      return `<tr data-unit="${esc(u.unitId)}">${cells.join('')}</tr>`;
    })
    .join('');
  const title = fill(w.title, { name: campaign.name });
  const dataUrl = `/api/v1/public/campaigns/${encodeURIComponent(t.campaignId)}`;
  const body = `${langs}<main>
<h1>${title}${t.provisional ? ` <span class="tag">${esc(w.provisional)}</span>` : ''}</h1>
<p>${fill(w.issued, { issuer: campaign.issuer, year: campaign.year })}</p>
<p class="muted">${fill(w.publishedAt, { when: shanghaiMinute(publication.publishedAt), computed: shanghaiMinute(t.computedAt), version: t.campaignVersion, size: t.logSize })}</p>
<div class="scroll"><table><caption>${title}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">${esc(w.legend)}</p>
<p>${esc(w.noData)}</p>
${rect}
<section aria-labelledby="verify"><h2 id="verify">${esc(w.verifyHeading)}</h2>
<p>${esc(w.verify1)}</p>
<ul><li><a href="${esc(dataUrl)}">${esc(w.verifyData)}</a> <code>${esc(dataUrl)}</code></li><li><a href="/api/v1/server-key">${esc(w.verifyKey)}</a> <code>/api/v1/server-key</code></li></ul>
<p>${fill(w.verify2, { keyId: serverKeyId })}</p>
<p>${esc(w.verify3)}</p>
<p>${fill(w.verify4, { root: t.logRoot })}</p>
</section></main>`;
  return htmlPage({ lang, title, css: CSS, body });
}

/** 整改情况公示: the closed items as published, by unit; no person is named. */
function rectSection(w: (typeof WORDS)[PublicLang], r: RectPublication): string {
  const head = [w.unit, w.problem, w.measures, w.closedAt, w.closeReason];
  const rows = r.items
    .map(
      (i) =>
        `<tr data-item="${esc(i.id)}"><th scope="row">${esc(i.unitName)}</th><td>${esc(i.problem)}</td><td>${esc(i.measures ?? '')}</td><td class="n">${esc(shanghaiMinute(i.closedAt).slice(0, 10))}</td><td>${esc(i.closeReason)}</td></tr>`,
    )
    .join('');
  const table = r.items.length
    ? `<div class="scroll"><table><caption>${esc(w.rectHeading)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p>${esc(w.rectNone)}</p>`;
  return `<section aria-labelledby="rect"><h2 id="rect">${esc(w.rectHeading)}</h2><p class="muted">${fill(w.rectIntro, { when: shanghaiMinute(r.publishedAt) })}</p>${table}</section>`;
}
