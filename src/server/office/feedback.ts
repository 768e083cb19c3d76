import type { Campaign } from '../../domain/campaign';
import { isCounted, type ReviewState } from '../../domain/review';
import { OPINION_TAG_LABELS, type OpinionTag } from '../../domain/opinions';
import type { Tally, UnitTally } from '../../domain/scoring';
import { shanghaiIso } from '../../domain/shanghai-time';
import type { OpinionRow } from '../../protocol/office-api';
import { listOpinions } from './opinions';
import { FLAG_WORDS } from './report';
import { reportHeader, type ReportHeader } from './report-header';
import type { OfficeDb } from './tables';

/**
 * The feedback pack of a unit (反馈, DOMAIN.md "Results"): its total and rank, its component,
 * dimension and rater-group scores beside the campaign's average, the yes-rates of the
 * sub-questions (checks), and the opinions about it with what the office decided. Built from the
 * signed tally (figures at full precision, nothing recomputed) and the 意见梳理 list. Never who
 * complained or who collected: opinion rows carry neither, and a finding's sealed description is
 * not in it (the office's 处理意见 says what the unit is told).
 */
export interface FeedbackPack {
  header: ReportHeader;
  /** How many units the tally ranks (the "of n" beside a rank). */
  ranked: number;
  units: UnitFeedback[];
}

/** A figure of the unit and the campaign's average of it (the mean over the units that have one). */
export interface Beside {
  id: string;
  label: string;
  value: number | null;
  average: number | null;
}

export interface UnitFeedback {
  unitId: string;
  name: string;
  category: string;
  rank: number | null;
  categoryRank: number | null;
  total: Beside;
  notes: string[];
  components: (Beside & { max: number })[];
  survey: Beside;
  dimensions: Beside[];
  groups: (Beside & { weight: number; counted: number; unknown: number })[];
  /** Yes-rates of the sub-questions: yes / answered among the unit's counted questionnaires; the average is the campaign's pooled rate. */
  checks: { id: string; label: string; yes: number; answered: number; rate: number | null; average: number | null }[];
  opinions: FeedbackOpinion[];
}

export interface FeedbackOpinion {
  source: OpinionRow['source'];
  dimension: string;
  category: string;
  /** The open text; for a finding, its categories and severity only (the description stays sealed). */
  text: string;
  /** Asia/Shanghai, +08:00. */
  at: string;
  tags: string[];
  note: string;
}

/** Which opinions go into a pack: those verified and not set aside (default), all of them, or none. */
export type OpinionChoice = 'verified' | 'all' | 'none';

/** Verified and kept: tagged, and neither 不属实 nor 重复. */
const kept = (r: OpinionRow) => r.tags.length > 0 && !r.tags.includes('unsubstantiated') && !r.tags.includes('duplicate');

const mean = (xs: (number | null | undefined)[]): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

/** Yes and answered counts per unit and check, over the counted questionnaires in force. */
export async function checkCounts(db: OfficeDb, campaignId: string): Promise<Map<string, Map<string, { yes: number; answered: number }>>> {
  const out = new Map<string, Map<string, { yes: number; answered: number }>>();
  let after = '';
  for (;;) {
    // The body in force is the record at latest_seq of the questionnaire's device (the original or its latest amend).
    const rows = await db
      .selectFrom('f2f_effective as f')
      .innerJoin('records as r', (j) => j.onRef('r.device_id', '=', 'f.device_id').onRef('r.seq', '=', 'f.latest_seq'))
      .select(['f.original_id', 'f.unit_id', 'f.state', 'r.canon'])
      .where('f.campaign_id', '=', campaignId)
      .where('f.original_id', '>', after)
      .where('r.canon', 'like', '%"checks":%')
      .orderBy('f.original_id')
      .limit(2000)
      .execute();
    for (const row of rows) {
      if (!isCounted(row.state as ReviewState)) continue;
      const rec = JSON.parse(row.canon) as { type: string; body: Record<string, unknown> };
      const body = rec.type === 'amend' ? ((rec.body.body ?? {}) as Record<string, unknown>) : rec.body;
      const checks = body.checks;
      if (!checks || typeof checks !== 'object') continue;
      const unit = out.get(row.unit_id) ?? new Map<string, { yes: number; answered: number }>();
      out.set(row.unit_id, unit);
      for (const [id, v] of Object.entries(checks as Record<string, unknown>)) {
        if (typeof v !== 'boolean') continue;
        const c = unit.get(id) ?? { yes: 0, answered: 0 };
        c.answered++;
        if (v) c.yes++;
        unit.set(id, c);
      }
    }
    if (rows.length < 2000) break;
    after = rows[rows.length - 1]!.original_id;
  }
  return out;
}

function opinionOf(r: OpinionRow, campaign: Campaign): FeedbackOpinion {
  const catLabel = (id: string) => campaign.findingCategories.find((c) => c.id === id)?.label ?? id;
  const kinds: Record<string, string> = { opinion: '意见', suggestion: '建议', complaint: '投诉', praise: '表扬' };
  const category =
    r.source === 'finding'
      ? (r.category ?? '').split(',').filter(Boolean).map(catLabel).join('、')
      : r.source === 'forum'
        ? (kinds[r.category ?? ''] ?? '')
        : (r.category ?? '');
  const severity = campaign.severities.find((s) => s.id === r.severity)?.label ?? r.severity ?? '';
  return {
    source: r.source,
    dimension: campaign.dimensions.find((d) => d.id === r.dimensionId)?.label ?? '',
    category,
    text: r.text ?? `明察暗访发现：${category}${severity ? `（${severity}）` : ''}`,
    at: shanghaiIso(r.at) ?? r.at,
    tags: r.tags.map((t) => OPINION_TAG_LABELS[t as OpinionTag] ?? t),
    note: r.note ?? '',
  };
}

/** The feedback of the named units (all units of the tally when `unitIds` is undefined), in tally order. */
export async function buildFeedback(
  db: OfficeDb,
  campaign: Campaign,
  tally: Tally,
  serverKeyId: string,
  o: { unitIds?: string[]; opinions: OpinionChoice },
): Promise<FeedbackPack> {
  const all = tally.units;
  const checks = campaign.checks ?? [];
  const counts = checks.length ? await checkCounts(db, campaign.id) : new Map();
  const opinions = o.opinions === 'none' ? [] : (await listOpinions(db, campaign.id)).rows.filter((r) => o.opinions === 'all' || kept(r));
  const pooled = (id: string) => {
    let yes = 0;
    let answered = 0;
    for (const unit of counts.values()) {
      yes += unit.get(id)?.yes ?? 0;
      answered += unit.get(id)?.answered ?? 0;
    }
    return answered ? yes / answered : null;
  };
  const categoryOf = new Map(campaign.units.map((u) => [u.id, u.category]));
  const one = (u: UnitTally): UnitFeedback => ({
    unitId: u.unitId,
    name: u.name,
    category: categoryOf.get(u.unitId) ?? '',
    rank: u.rank,
    categoryRank: u.categoryRank ?? null,
    total: { id: 'total', label: '总分', value: u.total, average: mean(all.map((x) => x.total)) },
    notes: u.flags.map((f) => FLAG_WORDS[f]),
    components: campaign.scoring.components.map((c) => ({
      id: c.id,
      label: c.label,
      max: c.max,
      value: u.components[c.id] ?? null,
      average: mean(all.map((x) => x.components[c.id])),
    })),
    survey: { id: 'survey', label: '问卷满意度', value: u.survey.score, average: mean(all.map((x) => x.survey.score)) },
    dimensions: campaign.dimensions.map((d) => ({
      id: d.id,
      label: d.label,
      value: u.survey.byDimension[d.id] ?? null,
      average: mean(all.map((x) => x.survey.byDimension[d.id])),
    })),
    groups: campaign.raterGroups.map((g) => ({
      id: g.id,
      label: g.label,
      weight: g.weight,
      value: u.survey.byGroup[g.id]?.score ?? null,
      average: mean(all.map((x) => x.survey.byGroup[g.id]?.score)),
      counted: u.survey.byGroup[g.id]?.counted ?? 0,
      unknown: u.survey.byGroup[g.id]?.unknown ?? 0,
    })),
    checks: checks.map((c) => {
      const n = counts.get(u.unitId)?.get(c.id) ?? { yes: 0, answered: 0 };
      return { id: c.id, label: c.label, yes: n.yes, answered: n.answered, rate: n.answered ? n.yes / n.answered : null, average: pooled(c.id) };
    }),
    opinions: opinions.filter((r) => r.unitId === u.unitId).map((r) => opinionOf(r, campaign)),
  });
  const wanted = o.unitIds ? new Set(o.unitIds) : null;
  return {
    header: reportHeader(campaign, tally, serverKeyId),
    ranked: all.filter((u) => u.rank !== null).length,
    units: all.filter((u) => !wanted || wanted.has(u.unitId)).map(one),
  };
}
