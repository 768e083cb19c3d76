import type { ReviewState } from '../review';
import { addAnswer, emptyAggregate } from './accumulate';
import type { Aggregate, F2fAnswer, ReviewCounts } from './types';

/**
 * The aggregate of the questionnaires that count (state counted or accepted; a questionnaire with no
 * state counts) and the counts per unit by state, from effective answers and their review states.
 */
export function reviewedAggregate(
  answers: Iterable<F2fAnswer & { originalId: string }>,
  stateOf: (originalId: string) => ReviewState | undefined,
): { aggregate: Aggregate; counts: ReviewCounts } {
  const aggregate = emptyAggregate();
  const counts: ReviewCounts = new Map();
  for (const a of answers) {
    let c = counts.get(a.unitId);
    if (!c) counts.set(a.unitId, (c = { counted: 0, held: 0, excluded: 0 }));
    const state = stateOf(a.originalId) ?? 'counted';
    if (state === 'held') c.held++;
    else if (state === 'excluded') c.excluded++;
    else {
      c.counted++;
      addAnswer(aggregate, a);
    }
  }
  return { aggregate, counts };
}
