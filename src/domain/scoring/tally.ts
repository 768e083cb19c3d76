import type { Campaign } from '../campaign';
import { bonusPoints, own, unitComposite } from './composite';
import { rankByTotal } from './rank';
import { unitSurvey } from './survey';
import { FLAG_ORDER, type Aggregate, type Flag, type ManualScores, type Tally, type UnitTally } from './types';

/** What the tally names about the data it was computed over. */
export interface TallyMeta {
  computedAt: string;
  logSize: number;
  logRoot: string;
}

/**
 * The tally of src/domain/DOMAIN.md "Scoring", in the exact shape of PROTOCOL.md, from the aggregate counts of
 * the effective questionnaires and the office's manual figures. Pure: the server and the offline
 * verifier call it with the same inputs and get the same numbers.
 */
export function computeTally(campaign: Campaign, agg: Aggregate, manual: ManualScores, meta: TallyMeta): Tally {
  const bonus = bonusPoints(campaign, manual);
  const units = campaign.units.map((u): Omit<UnitTally, 'rank'> => {
    const s = unitSurvey(campaign, agg.get(u.id));
    const c = unitComposite(campaign, s.survey.score, own(manual.scores, u.id), bonus.get(u.id) ?? 0);
    const flags = new Set<Flag>();
    if (s.incomplete || c.partMissing || c.total === null) flags.add('incomplete');
    if (s.smallSample) flags.add('small-sample');
    return {
      unitId: u.id,
      name: u.name,
      total: c.total,
      components: c.components,
      survey: s.survey,
      flags: FLAG_ORDER.filter((f) => flags.has(f)),
    };
  });
  return {
    campaignId: campaign.id,
    computedAt: meta.computedAt,
    logSize: meta.logSize,
    logRoot: meta.logRoot,
    units: rankByTotal(units).map(({ unitId, name, rank, total, components, survey, flags }) => ({
      unitId,
      name,
      rank,
      total,
      components,
      survey,
      flags,
    })),
  };
}
