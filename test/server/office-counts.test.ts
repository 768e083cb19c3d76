import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { accumulate, addAnswer, computeTally, emptyAggregate } from '../../src/domain/scoring';
import { countRows } from '../../src/server/office/dense-counts';

const C = DEMO_CAMPAIGN;
const META = { campaignVersion: 1, campaignHash: 'cd'.repeat(32), computedAt: '2026-11-21T09:30:00.000Z', logSize: 0, logRoot: '0'.repeat(64) };
const level = fc.constantFrom(...C.scale.map((l) => l.key), 'gone');
const row = fc.record({
  unitId: fc.constantFrom(...C.units.map((u) => u.id), 'closed-unit'),
  raterGroup: fc.constantFrom(...C.raterGroups.map((g) => g.id), 'old-group'),
  overall: level,
  ratings: fc.tuple(...C.dimensions.map(() => level), fc.option(level, { nil: undefined })).map((ls) => ({
    ...Object.fromEntries(C.dimensions.map((d, i) => [d.id, ls[i]!])),
    ...(ls[C.dimensions.length] ? { dropped: ls[C.dimensions.length]! } : {}),
  })),
  n: fc.integer({ min: 1, max: 5 }),
  spaced: fc.boolean(),
});

describe('countRows (the tally read of f2f_effective rows)', () => {
  it('gives the same tally as accumulating the answers one by one, unknown ids and other JSON forms included', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const dense = countRows(
          C,
          rows.map((r) => ({
            unit_id: r.unitId,
            rater_group: r.raterGroup,
            overall: r.overall,
            ratings: JSON.stringify(r.ratings, null, r.spaced ? 1 : undefined),
            n: r.n,
          })),
        );
        const plain = emptyAggregate();
        for (const r of rows) addAnswer(plain, r, r.n);
        expect(computeTally(C, dense, { scores: {}, bonusRanking: [] }, META)).toEqual(computeTally(C, plain, { scores: {}, bonusRanking: [] }, META));
        expect(dense.get('closed-unit')).toEqual(plain.get('closed-unit'));
      }),
      { numRuns: 200 },
    );
  });

  it('counts grouped rows by their n', () => {
    const ratings = JSON.stringify(Object.fromEntries(C.dimensions.map((d) => [d.id, 'very'])));
    const agg = countRows(C, [{ unit_id: 'law', rater_group: 'public', overall: 'fairly', ratings, n: '7' }]);
    expect(agg.get('law')!.get('public')!.overall.get('fairly')).toBe(7);
    expect(agg.get('law')!.get('public')!.byDimension.get('openness')!.get('very')).toBe(7);
    expect(accumulate([])).toEqual(new Map());
  });
});
