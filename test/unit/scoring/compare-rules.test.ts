import { describe, expect, it } from 'vitest';
import { compareTallies, type Tally } from '../../../src/domain/scoring';

const tally = (o: Record<string, unknown>): Tally => o as unknown as Tally;

describe('compareTallies: a null, an object and a string in the same place differ', () => {
  it('reports null on one side and an object on the other as a difference of values', () => {
    expect(compareTallies(tally({ note: null }), tally({ note: { a: 1 } }))).toEqual(['/note: {"a":1} should be null']);
    expect(compareTallies(tally({ note: { a: 1 } }), tally({ note: null }))).toEqual(['/note: null should be {"a":1}']);
  });

  it('reports a string on one side and an object on the other as a difference of values', () => {
    expect(compareTallies(tally({ note: 'x' }), tally({ note: {} }))).toEqual(['/note: {} should be "x"']);
    expect(compareTallies(tally({ note: {} }), tally({ note: 'x' }))).toEqual(['/note: "x" should be {}']);
  });
});
