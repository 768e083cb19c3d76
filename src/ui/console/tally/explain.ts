import type { Campaign } from '../../../domain/campaign';
import { questionnaires } from '../../../domain/scoring/standing';
import type { UnitTally } from '../../../domain/scoring/types';
import type { TallyKey } from './messages';

/** One sentence explaining a unit's flag, as a message key and its values. */
export interface FlagNote {
  key: TallyKey;
  vars: Record<string, string | number>;
}

/**
 * Puts a unit's flags into words (src/domain/DOMAIN.md Scoring 7): which rater group has no counted answer,
 * which has fewer than the campaign's minimum, whether a part or the whole total is missing, and
 * why a unit with a total is unranked (too few questionnaires, retired, vetoed).
 */
export function explainFlags(unit: UnitTally, campaign: Campaign): FlagNote[] {
  const notes: FlagNote[] = [];
  const min = campaign.minSamplePerGroup;
  let groupMissing = false;
  for (const g of campaign.raterGroups) {
    const counted = unit.survey.byGroup[g.id]?.counted ?? 0;
    if (counted === 0) {
      groupMissing = true;
      if (unit.flags.includes('incomplete')) notes.push({ key: 'noAnswers', vars: { group: g.label } });
    } else if (counted < min && unit.flags.includes('small-sample')) {
      notes.push({ key: 'smallGroup', vars: { group: g.label, min, n: counted } });
    }
  }
  if (unit.flags.includes('incomplete')) {
    if (unit.total === null) notes.push({ key: 'noTotal', vars: {} });
    else if (!groupMissing) notes.push({ key: 'partMissing', vars: {} });
  }
  const rankMin = campaign.minSampleToRank;
  const n = questionnaires(campaign, unit.survey);
  if (unit.flags.includes('small-sample') && rankMin !== undefined && n < rankMin) notes.push({ key: 'tooFewNote', vars: { n, min: rankMin } });
  if (unit.flags.includes('retired')) notes.push({ key: 'retiredNote', vars: {} });
  if (unit.flags.includes('vetoed')) notes.push({ key: 'vetoedNote', vars: {} });
  return notes;
}

/** Units by rank, unranked last; the server's order is kept among equals (stable sort). */
export function byRank(units: UnitTally[]): UnitTally[] {
  return [...units].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

/** Mean of the defined values (for the "all units" view of a chart); null when none is defined. */
export function meanDefined(values: (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}
