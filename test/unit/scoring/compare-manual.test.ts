import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { compareTallies, manualPartIds, parseManualScores, type Tally } from '../../../src/domain/scoring';

// compareTallies is what `npm run verify` and the office use to set a recomputed tally beside a
// signed one; parseManualScores guards PUT …/manual-scores.

const tally = (o: Record<string, unknown>): Tally => o as unknown as Tally;

describe('compareTallies', () => {
  const base = { computedAt: 'a', logSize: 3, units: [{ unitId: 'office', total: 81.25, flags: ['small-sample'] }], note: null };

  it('finds no difference between equal tallies, nor in computedAt, nor within the tolerance', () => {
    expect(compareTallies(tally(base), tally(structuredClone(base)))).toEqual([]);
    expect(compareTallies(tally(base), tally({ ...base, computedAt: 'b' }))).toEqual([]);
    const near = structuredClone(base);
    near.units[0]!.total = 81.25 + 1e-12;
    expect(compareTallies(tally(base), tally(near))).toEqual([]);
    near.units[0]!.total = 81.75; // exactly the tolerance still agrees
    expect(compareTallies(tally(base), tally(near), 0.5)).toEqual([]);
    expect(compareTallies(tally(base), tally(near), 0.25)).toEqual(['/units/0/total: 81.75 should be 81.25']);
  });

  it('names the path, the signed value and the recomputed one of each difference', () => {
    const other = structuredClone(base);
    other.units[0]!.total = 80;
    other.logSize = 4;
    other.units[0]!.flags = ['veto'];
    expect(compareTallies(tally(base), tally(other))).toEqual([
      '/logSize: 4 should be 3',
      '/units/0/total: 80 should be 81.25',
      '/units/0/flags/0: "veto" should be "small-sample"',
    ]);
    expect(compareTallies(tally(base), tally(other), 25)).toEqual(['/units/0/flags/0: "veto" should be "small-sample"']);
  });

  it('tells null, a missing key, a changed type and an array for an object apart', () => {
    expect(compareTallies(tally(base), tally({ ...base, note: 'x' }))).toEqual(['/note: "x" should be null']);
    expect(compareTallies(tally({ ...base, note: 'x' }), tally(base))).toEqual(['/note: null should be "x"']);
    expect(compareTallies(tally(base), tally({ ...base, logSize: '3' }))).toEqual(['/logSize: "3" should be 3']);
    const { note: _, ...noNote } = base;
    expect(compareTallies(tally(base), tally(noNote))).toEqual(['/note: present on one side only']);
    expect(compareTallies(tally(noNote), tally(base))).toEqual(['/note: present on one side only']);
    expect(compareTallies(tally(base), tally({ ...base, units: { 0: base.units[0] } }))).toEqual(['/units: shape differs']);
    expect(compareTallies(tally({ ...base, units: { 0: base.units[0] } }), tally(base))).toEqual(['/units: shape differs']);
  });

  it('stops at the limit', () => {
    const a = { xs: [1, 2, 3, 4, 5] };
    const b = { xs: [9, 9, 9, 9, 9] };
    expect(compareTallies(tally(a), tally(b), 0, 2)).toEqual(['/xs/0: 9 should be 1', '/xs/1: 9 should be 2']);
    expect(compareTallies(tally(a), tally(b))).toHaveLength(5);
    expect(compareTallies(tally(a), tally(b), 0, 0)).toEqual([]);
  });
});

describe('manual scores', () => {
  it('names the manual parts of the components, each once', () => {
    expect(manualPartIds(DEMO_CAMPAIGN)).toEqual(['daily', 'network']);
    const twice = structuredClone(DEMO_CAMPAIGN);
    twice.scoring.components[1]!.parts.push({ from: 'manual', id: 'daily', label: '日常考评', weight: 0.1 });
    expect(manualPartIds(twice)).toEqual(['daily', 'network']);
  });

  it('takes figures 0–100 of known units and parts, and a ranking of distinct known units', () => {
    const input = { scores: { office: { daily: 0, network: 100 }, law: { daily: 55.5 } }, bonusRanking: ['law', 'office'] };
    expect(parseManualScores(DEMO_CAMPAIGN, input)).toEqual({ ok: true, value: input });
    expect(parseManualScores(DEMO_CAMPAIGN, { scores: {} })).toEqual({ ok: true, value: { scores: {}, bonusRanking: [] } });
  });

  it('refuses, with the path and a sentence, what is out of range, unknown, repeated or extra', () => {
    const refuse = (input: unknown) => parseManualScores(DEMO_CAMPAIGN, input);
    expect(refuse({ scores: { office: { daily: 100.5 } } })).toEqual({ ok: false, path: '/scores/office/daily', message: 'a manual figure is 0–100' });
    expect(refuse({ scores: { office: { daily: -0.5 } } })).toEqual({ ok: false, path: '/scores/office/daily', message: 'a manual figure is 0–100' });
    expect(refuse({ scores: { nowhere: { daily: 50 } } })).toEqual({ ok: false, path: '/scores/nowhere', message: 'unknown unit "nowhere"' });
    expect(refuse({ scores: { office: { survey: 50 } } })).toEqual({ ok: false, path: '/scores/office/survey', message: 'unknown manual part "survey"' });
    expect(refuse({ scores: {}, bonusRanking: ['office', 'nowhere'] })).toEqual({ ok: false, path: '/bonusRanking/1', message: 'unknown unit "nowhere"' });
    expect(refuse({ scores: {}, bonusRanking: ['office', 'law', 'office'] })).toEqual({
      ok: false,
      path: '/bonusRanking/2',
      message: 'unit "office" is ranked twice',
    });
    const extra = refuse({ scores: {}, extra: 1 });
    expect(extra.ok).toBe(false);
  });
});
