import type { PingyiRecord } from '../../../domain/records';
import type { F2fAnswer } from '../../../domain/scoring';

/**
 * The verifier's fold of the questionnaires as it reads them: for each original f2f only what the
 * tally reads (unit, group, overall, ratings), the amendments and voids by their target, and the log
 * index of each, so that the questionnaires in force can be given at any log size (the export's
 * tally, and each publication's). Records are let go once folded, and the answers are shared: a
 * campaign has few distinct answers (units × groups × levels), so a questionnaire costs an entry
 * of a Map, not a record.
 */
export interface AnswerFold {
  originals: Map<string, Original>;
  /** Amendments by target id, in the order read. */
  amends: Map<string, Amendment[]>;
  /** The lowest log index of a void of each target id. */
  voids: Map<string, number>;
  /** f2f, amend and void records folded. */
  taken: number;
  /** Shared answers and ratings, by their JSON text. */
  shared: Map<string, F2fAnswer>;
}

interface Original {
  logIdx: number;
  answer: F2fAnswer;
  /** An earlier original of the same id (a tampered export): the later one counts, as in effectiveAnswers. */
  earlier?: Original;
}

interface Amendment {
  seq: number;
  logIdx: number;
  answer: F2fAnswer;
}

export const emptyAnswerFold = (): AnswerFold => ({ originals: new Map(), amends: new Map(), voids: new Map(), taken: 0, shared: new Map() });

const isPlainStrings = (x: unknown): x is Record<string, string> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'string');

/**
 * The answer a body gives, shared with every equal one. Only answers of strings and a flat ratings
 * object of strings are shared (their JSON text names them exactly); any other is kept as it is.
 */
function answerOf(fold: AnswerFold, b: Record<string, unknown>): F2fAnswer {
  const answer = { unitId: b.unitId, raterGroup: b.raterGroup, overall: b.overall, ratings: b.ratings } as F2fAnswer;
  if (typeof b.unitId !== 'string' || typeof b.raterGroup !== 'string' || typeof b.overall !== 'string' || !isPlainStrings(b.ratings)) return answer;
  const key = JSON.stringify([b.unitId, b.raterGroup, b.overall, b.ratings]);
  const seen = fold.shared.get(key);
  if (seen) return seen;
  fold.shared.set(key, answer);
  return answer;
}

/** Folds one record read at `logIdx`: f2f, amend and void are kept as the tally needs them, others ignored. */
export function foldAnswer(fold: AnswerFold, logIdx: number, r: PingyiRecord): void {
  if (r.type !== 'f2f' && r.type !== 'amend' && r.type !== 'void') return;
  fold.taken++;
  const body = (r.body ?? {}) as Record<string, unknown>;
  if (r.type === 'f2f') {
    const earlier = fold.originals.get(r.id);
    fold.originals.set(r.id, { logIdx, answer: answerOf(fold, body), ...(earlier ? { earlier } : {}) });
  } else if (r.type === 'void') {
    const target = String(body.targetId);
    fold.voids.set(target, Math.min(fold.voids.get(target) ?? Infinity, logIdx));
  } else {
    const target = String(body.targetId);
    const amendment = { seq: r.seq, logIdx, answer: answerOf(fold, (body.body ?? {}) as Record<string, unknown>) };
    const list = fold.amends.get(target);
    if (list) list.push(amendment);
    else fold.amends.set(target, [amendment]);
  }
}

/**
 * The questionnaires that count among the records read below log size `below` (all of them by
 * default), with the rules of effectiveAnswers (src/domain/scoring/effective.ts): originals not
 * voided, each in its latest amendment by seq (the first read of equal seqs).
 */
export function* effectiveFolded(fold: AnswerFold, below = Infinity): Generator<F2fAnswer & { originalId: string }> {
  for (const [originalId, newest] of fold.originals) {
    let original: Original | undefined = newest;
    while (original && original.logIdx >= below) original = original.earlier;
    if (!original || (fold.voids.get(originalId) ?? Infinity) < below) continue;
    let latest: Amendment | undefined;
    for (const a of fold.amends.get(originalId) ?? []) if (a.logIdx < below && (!latest || latest.seq < a.seq)) latest = a;
    const { unitId, raterGroup, overall, ratings } = latest?.answer ?? original.answer;
    yield { originalId, unitId, raterGroup, overall, ratings };
  }
}
