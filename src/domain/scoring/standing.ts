import type { Campaign } from '../campaign';
import type { Flag, SurveyScores } from './types';

/** Why a unit with a total is still not ranked (src/domain/DOMAIN.md: 一票否决, retired units, too few questionnaires). */
export function unrankedFlags(campaign: Campaign, unit: Campaign['units'][number], survey: SurveyScores, vetoes: Readonly<Record<string, string>>): Flag[] {
  const flags: Flag[] = [];
  if (campaign.minSampleToRank !== undefined && questionnaires(campaign, survey) < campaign.minSampleToRank) flags.push('small-sample');
  if (unit.retired) flags.push('retired');
  if (Object.hasOwn(vetoes, unit.id)) flags.push('vetoed');
  return flags;
}

/**
 * The unit's counted questionnaires: those of its rater groups whose overall answer is at a level
 * with a score. A questionnaire answered 不了解 overall adds nothing to the score the unit is ranked
 * by (“不了解”不统计), so it does not count towards the minimum sample either.
 */
export function questionnaires(campaign: Campaign, survey: SurveyScores): number {
  let n = 0;
  for (const g of campaign.raterGroups) n += survey.byGroup[g.id]?.counted ?? 0;
  return n;
}

const key = (total: number) => Math.round(total * 100);

/**
 * Each ranked unit's rank among the units of its category (ties as for rank: equal to 2 decimals
 * share a rank, the next is skipped). `ranked` comes in rank order; unranked units get null.
 */
export function categoryRanks(ranked: readonly { unitId: string; category: string; total: number | null; rank: number | null }[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const seen = new Map<string, { count: number; lastKey: number; lastRank: number }>();
  for (const e of ranked) {
    if (e.rank === null || e.total === null) {
      out.set(e.unitId, null);
      continue;
    }
    const s = seen.get(e.category) ?? { count: 0, lastKey: NaN, lastRank: 0 };
    s.count++;
    if (key(e.total) !== s.lastKey) s.lastRank = s.count;
    s.lastKey = key(e.total);
    seen.set(e.category, s);
    out.set(e.unitId, s.lastRank);
  }
  return out;
}
