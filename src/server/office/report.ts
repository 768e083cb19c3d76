import type { Campaign } from '../../domain/campaign';
import type { Flag, Tally, UnitTally, YearFlag, YearsComparison } from '../../domain/scoring';
import { reportHeader, type ReportHeader } from './report-header';

/**
 * The 通报 (PROTOCOL.md "Results the office publishes"): the signed tally laid out as the office
 * circulates it. Its rows are the tally's units in the tally's order, nothing recomputed: the
 * figures are the tally's at full precision (the xlsx rounds them for display only, the HTML
 * prints them to 2 decimals). One table 排名 of every unit, and one per unit category when the
 * campaign ranks within categories (rows in the same order, ranked by `categoryRank`).
 */
export interface Report {
  header: ReportHeader;
  /** Column heads of the figures that vary by campaign. */
  components: { id: string; label: string; max: number }[];
  /** The compared earlier campaigns (结果运用), newest first; empty without `previous`. */
  years: { campaignId: string; year: number }[];
  tables: ReportTable[];
}

export interface ReportTable {
  /** 排名, or the category's name. */
  title: string;
  /** Ranks shown: the overall rank, or the rank within the category. */
  by: 'rank' | 'categoryRank';
  rows: ReportRow[];
}

/** 通报表扬 (top three) and 通报批评 (last three) of the ranked units of a table. */
export type Mark = 'top' | 'bottom' | null;

export interface ReportRow {
  unitId: string;
  name: string;
  category: string;
  rank: number | null;
  categoryRank: number | null;
  total: number | null;
  components: (number | null)[];
  survey: number | null;
  /** Questionnaires counted (after amends, voids and the review), and their answers with a score and 不了解. */
  counted: number;
  answers: number;
  unknown: number;
  held: number;
  excluded: number;
  /** Flags of the tally and the 结果运用, in words. */
  notes: string[];
  /** Rank and total in each compared earlier campaign, in the order of `years`. */
  earlier: { rank: number | null; total: number | null }[];
  mark: Mark;
}

export const FLAG_WORDS: Record<Flag, string> = { incomplete: '数据不完整', 'small-sample': '样本不足', retired: '已停用', vetoed: '一票否决' };
export const YEAR_WORDS: Record<YearFlag, string> = {
  last: '末位（诫勉谈话）',
  'last-2-years': '连续两年末位',
  'last-3-years': '连续三年末位',
  'first-in-category-2-years': '连续两年同类第一（次年免评）',
};

/**
 * Marks the first three and the last three ranked rows by the table's rank (ties share the mark:
 * every unit ranked 3rd is among the first three). A unit among the first three is never also
 * marked last, so a table of five ranked units marks three first and two last.
 */
export function marks(ranks: (number | null)[]): Mark[] {
  const ranked = ranks.filter((r): r is number => r !== null);
  if (ranked.length === 0) return ranks.map(() => null);
  const sorted = [...ranked].sort((a, b) => a - b);
  const lastLine = sorted[Math.max(0, sorted.length - 3)]!;
  return ranks.map((r) => (r === null ? null : r <= 3 ? 'top' : r >= lastLine ? 'bottom' : null));
}

function row(u: UnitTally, campaign: Campaign, category: string, years: YearsComparison | undefined): Omit<ReportRow, 'mark'> {
  const groups = Object.values(u.survey.byGroup);
  const y = years?.units[u.unitId];
  return {
    unitId: u.unitId,
    name: u.name,
    category,
    rank: u.rank,
    categoryRank: u.categoryRank ?? null,
    total: u.total,
    components: campaign.scoring.components.map((c) => u.components[c.id] ?? null),
    survey: u.survey.score,
    counted: u.counts?.counted ?? 0,
    answers: groups.reduce((n, g) => n + g.counted, 0),
    unknown: groups.reduce((n, g) => n + g.unknown, 0),
    held: u.counts?.held ?? 0,
    excluded: u.counts?.excluded ?? 0,
    notes: [...u.flags.map((f) => FLAG_WORDS[f]), ...(y?.flags ?? []).map((f) => YEAR_WORDS[f])],
    earlier: (years?.campaigns ?? []).map((_, i) => ({ rank: y?.earlier?.[i]?.rank ?? null, total: y?.earlier?.[i]?.total ?? null })),
  };
}

/** The report of a signed tally (its rows in the tally's order), with the earlier years when the campaign has them. */
export function buildReport(campaign: Campaign, tally: Tally, serverKeyId: string, years?: YearsComparison): Report {
  const categoryOf = new Map(campaign.units.map((u) => [u.id, u.category]));
  const rows = tally.units.map((u) => row(u, campaign, categoryOf.get(u.unitId) ?? '', years));
  const overall = marks(rows.map((r) => r.rank));
  const tables: ReportTable[] = [{ title: '排名', by: 'rank', rows: rows.map((r, i) => ({ ...r, mark: overall[i]! })) }];
  if (tally.units.some((u) => u.categoryRank !== undefined)) {
    const categories = [...new Set(campaign.units.map((u) => u.category))];
    for (const c of categories) {
      const own = rows.filter((r) => r.category === c);
      if (own.length === 0) continue;
      const m = marks(own.map((r) => r.categoryRank));
      tables.push({ title: c || '未分类', by: 'categoryRank', rows: own.map((r, i) => ({ ...r, mark: m[i]! })) });
    }
  }
  return {
    header: reportHeader(campaign, tally, serverKeyId),
    components: campaign.scoring.components.map((c) => ({ id: c.id, label: c.label, max: c.max })),
    years: years?.campaigns ?? [],
    tables,
  };
}

/** A column of the report: its head and how a row fills it (numbers stay numbers). */
export interface ReportColumn {
  head: string;
  kind: 'rank' | 'text' | 'score' | 'count';
  value: (r: ReportRow, t: ReportTable) => string | number | null;
}

const MARK_WORDS: Record<Exclude<Mark, null>, string> = { top: '前三名', bottom: '后三名' };

/** The columns of every table, in order (xlsx and HTML alike). */
export function reportColumns(report: Report): ReportColumn[] {
  return [
    { head: '名次', kind: 'rank', value: (r, t) => (t.by === 'rank' ? r.rank : r.categoryRank) },
    { head: '被评单位', kind: 'text', value: (r) => r.name },
    { head: '类别', kind: 'text', value: (r) => r.category },
    { head: '总分', kind: 'score', value: (r) => r.total },
    ...report.components.map((c, i): ReportColumn => ({ head: `${c.label}（${c.max}）`, kind: 'score', value: (r) => r.components[i] ?? null })),
    { head: '问卷满意度', kind: 'score', value: (r) => r.survey },
    { head: '计入问卷', kind: 'count', value: (r) => r.counted },
    { head: '有效答卷', kind: 'count', value: (r) => r.answers },
    { head: '不了解', kind: 'count', value: (r) => r.unknown },
    { head: '待审', kind: 'count', value: (r) => r.held },
    { head: '剔除', kind: 'count', value: (r) => r.excluded },
    ...report.years.flatMap((y, i): ReportColumn[] => [
      { head: `${y.year}年名次`, kind: 'rank', value: (r) => r.earlier[i]?.rank ?? null },
      { head: `${y.year}年总分`, kind: 'score', value: (r) => r.earlier[i]?.total ?? null },
    ]),
    { head: '通报', kind: 'text', value: (r) => (r.mark ? MARK_WORDS[r.mark] : null) },
    { head: '说明', kind: 'text', value: (r) => r.notes.join('；') || null },
  ];
}
