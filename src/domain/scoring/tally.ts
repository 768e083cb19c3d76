import type { Campaign } from '../campaign';
import { bonusPoints, own, unitComposite } from './composite';
import { rankByTotal } from './rank';
import { categoryRanks, unrankedFlags } from './standing';
import { unitSurvey } from './survey';
import { FLAG_ORDER, type Aggregate, type Flag, type ManualScores, type ReviewCounts, type Tally, type UnitTally } from './types';

/** What the tally names about the data it was computed over. */
export interface TallyMeta {
  campaignVersion: number;
  campaignHash: string;
  computedAt: string;
  logSize: number;
  logRoot: string;
}

/**
 * The tally of src/domain/DOMAIN.md "Scoring", in the exact shape of PROTOCOL.md, from the aggregate counts of
 * the effective questionnaires and the office's manual figures. Pure: the server and the offline
 * verifier call it with the same inputs and get the same numbers. `vetoes` (unit id → reason) are
 * the office's 一票否决: a vetoed unit keeps its scores and is listed unranked after the ranked ones.
 * `counts` are each unit's questionnaires by review state (held and excluded ones are not in `agg`);
 * the tally is provisional while any is held.
 */
export function computeTally(
  campaign: Campaign,
  agg: Aggregate,
  manual: ManualScores,
  meta: TallyMeta,
  vetoes: Readonly<Record<string, string>> = {},
  counts: ReviewCounts = new Map(),
): Tally {
  const bonus = bonusPoints(campaign, manual);
  const units = campaign.units.map((u) => {
    const s = unitSurvey(campaign, agg.get(u.id));
    const c = unitComposite(campaign, s.survey.score, own(manual.scores, u.id), bonus.get(u.id) ?? 0);
    const flags = new Set<Flag>();
    if (s.incomplete || c.partMissing || c.total === null) flags.add('incomplete');
    if (s.smallSample) flags.add('small-sample');
    const unranked = unrankedFlags(campaign, u, s.survey, vetoes);
    for (const f of unranked) flags.add(f);
    return {
      unranked: unranked.length > 0,
      category: u.category,
      unitId: u.id,
      name: u.name,
      total: c.total,
      components: c.components,
      survey: s.survey,
      flags: FLAG_ORDER.filter((f) => flags.has(f)),
      counts: { counted: 0, held: 0, excluded: 0, ...counts.get(u.id) },
    };
  });
  const ranked = rankByTotal(units);
  const byCategory = campaign.scoring.rankWithin === 'category' ? categoryRanks(ranked) : undefined;
  return {
    campaignId: campaign.id,
    campaignVersion: meta.campaignVersion,
    campaignHash: meta.campaignHash,
    computedAt: meta.computedAt,
    logSize: meta.logSize,
    logRoot: meta.logRoot,
    provisional: [...counts.values()].some((c) => c.held > 0),
    units: ranked.map(({ unitId, name, rank, total, components, survey, flags, counts: unitCounts }): UnitTally => ({
      unitId,
      name,
      rank,
      ...(byCategory ? { categoryRank: byCategory.get(unitId) ?? null } : {}),
      total,
      components,
      survey,
      flags,
      counts: unitCounts,
    })),
  };
}
