import type { PingyiRecord } from '../../../domain/records';
import type { F2fAnswer } from '../../../domain/scoring';

/**
 * The verifier's fold of the questionnaires as it reads them: for each original f2f only what the
 * tally reads (unit, group, overall, ratings), the amendments and voids by their target, and the log
 * index of each, so that the questionnaires in force can be given at any log size (the export's
 * tally, and each publication's). Records are let go once folded, and an answer is kept as a short
 * string of codes from a table of the ids and levels met (a campaign has tens of them), so a
 * questionnaire costs a Map entry and a few dozen bytes, not a record.
 */
export interface AnswerFold {
  originals: Map<string, Original>;
  /** Amendments by target id, in the order read. */
  amends: Map<string, Amendment[]>;
  /** The lowest log index of a void of each target id. */
  voids: Map<string, number>;
  /** f2f, amend and void records folded. */
  taken: number;
  /** The strings answers are coded with: code i is `words[i]`. */
  words: string[];
  codes: Map<string, number>;
}

interface Original {
  logIdx: number;
  /** The answer, coded (see encode). */
  answer: string;
  /** An earlier original of the same id (a tampered export): the later one counts, as in effectiveAnswers. */
  earlier?: Original;
}

interface Amendment {
  seq: number;
  logIdx: number;
  answer: string;
}

export const emptyAnswerFold = (): AnswerFold => ({ originals: new Map(), amends: new Map(), voids: new Map(), taken: 0, words: [], codes: new Map() });

/** Past this many distinct strings, answers are kept as JSON text instead (one code is one UTF-16 unit). */
const MAX_WORDS = 0xffff;

/**
 * An answer as a string: "c" then one character per string (unit, group, overall, then each rating's
 * dimension and level, in their order) whose code is the string's place in `words`; or "j" then the
 * JSON text of an answer of another shape (a value that is not a string), which keeps it exactly.
 */
function encode(fold: AnswerFold, b: Record<string, unknown>): string {
  const ratings = b.ratings;
  const parts = [b.unitId, b.raterGroup, b.overall];
  const plain = typeof ratings === 'object' && ratings !== null && !Array.isArray(ratings);
  if (plain) for (const [dim, level] of Object.entries(ratings)) parts.push(dim, level);
  const other = () => 'j' + JSON.stringify({ unitId: b.unitId, raterGroup: b.raterGroup, overall: b.overall, ratings }, keep);
  // One flat string: built by += it would be a rope of a node per character.
  const codes = [0x63]; // 'c'
  if (plain && parts.every((x) => typeof x === 'string')) {
    for (const word of parts as string[]) {
      let code = fold.codes.get(word);
      if (code === undefined) {
        if (fold.words.length >= MAX_WORDS) return other();
        fold.codes.set(word, (code = fold.words.length));
        fold.words.push(word);
      }
      codes.push(code);
    }
    return String.fromCharCode(...codes);
  }
  return other();
}

/** undefined kept apart from null through JSON (an amendment without a body has no answer fields). */
const UNDEFINED = { '\u0000undefined': true };
const keep = (_: string, v: unknown) => (v === undefined ? UNDEFINED : v);
const isUndefined = (v: unknown) =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 1 && (v as Record<string, unknown>)['\u0000undefined'] === true;

function decode(fold: AnswerFold, text: string): F2fAnswer {
  if (text[0] === 'j') {
    const a = JSON.parse(text.slice(1)) as Record<string, unknown>;
    const back = (v: unknown) => (isUndefined(v) ? undefined : v);
    return { unitId: back(a.unitId), raterGroup: back(a.raterGroup), overall: back(a.overall), ratings: back(a.ratings) } as F2fAnswer;
  }
  const word = (i: number) => fold.words[text.charCodeAt(i)]!;
  const pairs: [string, string][] = [];
  for (let i = 4; i + 1 < text.length; i += 2) pairs.push([word(i), word(i + 1)]);
  // fromEntries makes own properties, "__proto__" included.
  return { unitId: word(1), raterGroup: word(2), overall: word(3), ratings: Object.fromEntries(pairs) };
}

/** Folds one record read at `logIdx`: f2f, amend and void are kept as the tally needs them, others ignored. */
export function foldAnswer(fold: AnswerFold, logIdx: number, r: PingyiRecord): void {
  if (r.type !== 'f2f' && r.type !== 'amend' && r.type !== 'void') return;
  fold.taken++;
  const body = (r.body ?? {}) as Record<string, unknown>;
  if (r.type === 'f2f') {
    const earlier = fold.originals.get(r.id);
    fold.originals.set(r.id, { logIdx, answer: encode(fold, body), ...(earlier ? { earlier } : {}) });
  } else if (r.type === 'void') {
    const target = String(body.targetId);
    fold.voids.set(target, Math.min(fold.voids.get(target) ?? Infinity, logIdx));
  } else {
    const target = String(body.targetId);
    const amendment = { seq: r.seq, logIdx, answer: encode(fold, (body.body ?? {}) as Record<string, unknown>) };
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
    const { unitId, raterGroup, overall, ratings } = decode(fold, latest?.answer ?? original.answer);
    yield { originalId, unitId, raterGroup, overall, ratings };
  }
}
