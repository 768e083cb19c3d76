import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PingyiRecord } from '../../src/domain/records';
import { effectiveAnswers } from '../../src/domain/scoring';
import { toHex } from '../../src/protocol/canon';
import { rootFromLeaves } from '../../src/protocol/merkle';
import { nodeSha256 } from '../../src/server/hashing';
import { effectiveFolded, emptyAnswerFold, foldAnswer } from '../../src/server/office/verify/answers';
import { LeafHashes } from '../../src/server/office/verify/leaves';

const ids = ['q1', 'q2', 'q3', 'q4'];
const answer = fc.record({
  unitId: fc.constantFrom('law', 'office', 'gone'),
  raterGroup: fc.constantFrom('public', 'expert'),
  overall: fc.constantFrom('very', 'less', 'unknown'),
  ratings: fc.constantFrom({ openness: 'very' }, { openness: 'less', speed: 'very' }, {}, { ['__proto__']: 'very' }, { 2: 'less', speed: 'very', 1: 'very' }),
});
/** What a tampered record may hold instead: values of other types, a body without answer fields. */
const oddAnswer = fc.oneof(
  answer,
  fc.record({
    unitId: fc.constantFrom('law', 7, null),
    raterGroup: fc.constant('public'),
    overall: fc.constantFrom('very', 3),
    ratings: fc.constantFrom({ openness: 1 }, null, [], 'x'),
  }),
  fc.constant({}),
);
/** Records as an export may hold them: originals (an id twice, in a tampered one), amendments of any seq, voids. */
const record = fc.oneof(
  fc.record({ type: fc.constant('f2f' as const), id: fc.constantFrom(...ids), seq: fc.nat(9), body: oddAnswer }),
  fc.record({
    type: fc.constant('amend' as const),
    id: fc.uuid(),
    seq: fc.nat(9),
    body: fc.record({ targetId: fc.constantFrom(...ids, 'nowhere'), body: oddAnswer }),
  }),
  fc.record({ type: fc.constant('void' as const), id: fc.uuid(), seq: fc.nat(9), body: fc.record({ targetId: fc.constantFrom(...ids) }) }),
  fc.record({ type: fc.constant('visit' as const), id: fc.uuid(), seq: fc.nat(9), body: fc.constant({}) }),
);

const plain = (xs: Iterable<{ originalId: string; unitId: string; raterGroup: string; overall: string; ratings: Record<string, string> }>) =>
  [...xs]
    .map(({ originalId, unitId, raterGroup, overall, ratings }) => ({ originalId, unitId, raterGroup, overall, ratings }))
    .sort((a, b) => (a.originalId < b.originalId ? -1 : 1));

describe('the verifier folds the questionnaires as it reads them', () => {
  it('gives at every log size the questionnaires effectiveAnswers gives of the records below it', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), fc.nat(32), (records, size) => {
        const fold = emptyAnswerFold();
        records.forEach((r, logIdx) => foldAnswer(fold, logIdx, r as unknown as PingyiRecord));
        const below = (n: number) => records.slice(0, n) as unknown as PingyiRecord[];
        expect(plain(effectiveFolded(fold, size))).toEqual(plain(effectiveAnswers(below(size))));
        expect(plain(effectiveFolded(fold))).toEqual(plain(effectiveAnswers(below(records.length))));
        expect(fold.taken).toBe(records.filter((r) => r.type !== 'visit').length);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps each answer as a short string of codes, not a record', () => {
    const fold = emptyAnswerFold();
    const body = { unitId: 'law', raterGroup: 'public', overall: 'very', ratings: { openness: 'very', speed: 'less' }, comment: '很好', durationMs: 60_000 };
    for (let i = 0; i < 100; i++)
      foldAnswer(fold, i, { type: 'f2f', id: `q${i}`, seq: i + 1, body: { ...body, overall: i % 2 ? 'very' : 'less' } } as unknown as PingyiRecord);
    expect(fold.words).toEqual(['law', 'public', 'less', 'openness', 'very', 'speed']);
    expect(fold.originals.get('q7')!.answer).toHaveLength(1 + 3 + 4);
    expect([...effectiveFolded(fold)][1]).toEqual({
      originalId: 'q1',
      unitId: 'law',
      raterGroup: 'public',
      overall: 'very',
      ratings: { openness: 'very', speed: 'less' },
    });
  });
});

describe('the verifier keeps the leaf hashes packed', () => {
  const leaf = (i: number) => nodeSha256(new Uint8Array([i & 255, i >> 8]));
  it('gives the root of rootFromLeaves, and finds holes, positions given twice and positions beyond the stated size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.array(fc.integer({ min: -2, max: 6000 }), { maxLength: 8 }), (size, odd) => {
        const leaves = new LeafHashes(() => size);
        const all: Uint8Array[] = [];
        for (let i = 0; i < size; i++) all.push(leaf(i));
        for (let i = 0; i < size; i++) expect(leaves.set(i, all[i]!)).toBe(false);
        expect(leaves.length).toBe(size);
        expect(toHex(leaves.root(size)!)).toBe(toHex(rootFromLeaves(all, nodeSha256)));
        let length = size;
        for (const i of odd) {
          const had = leaves.get(i) !== undefined;
          expect(leaves.set(i, leaf(i + 1))).toBe(had);
          expect(toHex(leaves.get(i)!)).toBe(toHex(leaf(i + 1)));
          length = Math.max(length, i + 1);
          expect(leaves.length).toBe(length);
        }
      }),
      { numRuns: 40 },
    );
    const holed = new LeafHashes(() => 10);
    for (const i of [0, 1, 2, 4, 9000]) holed.set(i, leaf(i));
    expect(holed.get(3)).toBeUndefined();
    expect(holed.root(3)).toBeDefined();
    expect(holed.root(5)).toBeUndefined();
    expect(holed.length).toBe(9001);
  });
});
