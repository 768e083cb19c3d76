import { compareYears, type Tally, type YearsComparison, type YearTally } from '../../domain/scoring';
import { readTallyInputs, tallyOf, type AggregateCache, type TallyInputs } from './tally-snapshot';
import type { OfficeDb } from './tables';

/**
 * The comparison of a campaign's tally with the campaigns it follows (`previous`, then that one's
 * `previous`), each tallied now from what it holds; undefined when the campaign names none. A
 * missing campaign, or a loop in the chain, ends the chain there.
 */
export async function yearsOf(
  db: OfficeDb,
  inputs: TallyInputs,
  tally: Tally,
  computedAt: string,
  cache?: AggregateCache,
): Promise<YearsComparison | undefined> {
  if (!inputs.campaign.previous) return undefined;
  const earlier: YearTally[] = [];
  const seen = new Set([inputs.campaign.id]);
  let next: string | undefined = inputs.campaign.previous;
  while (next && earlier.length < 2 && !seen.has(next)) {
    seen.add(next);
    const before = await readTallyInputs(db, next, cache);
    if (!before) break;
    earlier.push({ campaign: before.campaign, tally: tallyOf(before, computedAt) });
    next = before.campaign.previous;
  }
  return compareYears({ campaign: inputs.campaign, tally }, earlier);
}
