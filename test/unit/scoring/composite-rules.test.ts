// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { bonusPoints, unitComposite } from '../../../src/domain/scoring';
import { own } from '../../../src/domain/scoring/composite';
import { SEED_004 } from './helpers';

// DEMO_CAMPAIGN: 日常考评 `daily` (max 20, manual `daily`) + 群众评议 `public` (max 80, survey 0.5 +
// manual `network` 0.5); bonus byRank [0.5, 0.4, 0.3] added to `daily`.

describe('own: only own properties of the manual figures count', () => {
  it('reads an own property, and nothing from an absent object', () => {
    expect(own({ daily: 95 }, 'daily')).toBe(95);
    expect(own(undefined, 'daily')).toBeUndefined();
    expect(own({ daily: 95 }, 'network')).toBeUndefined();
  });

  it('never reaches the prototype: inherited names read as absent', () => {
    expect(own({}, 'toString')).toBeUndefined();
    expect(own({}, '__proto__')).toBeUndefined();
    expect(own(Object.create({ daily: 50 }) as Record<string, number>, 'daily')).toBeUndefined();
  });
});

describe('bonusPoints: byRank[i] for place i of the special-task ranking', () => {
  it('gives the first places their points and nothing past the last byRank entry', () => {
    const points = bonusPoints(DEMO_CAMPAIGN, { scores: {}, bonusRanking: ['law', 'office', 'brigade1', 'brigade2'] });
    expect([...points]).toEqual([
      ['law', 0.5],
      ['office', 0.4],
      ['brigade1', 0.3],
    ]);
    expect(points.has('brigade2')).toBe(false);
  });

  it('gives nothing when the campaign has no bonus, whatever the ranking', () => {
    expect(bonusPoints(SEED_004, { scores: {}, bonusRanking: ['city-a', 'city-b'] }).size).toBe(0);
  });

  it('gives nothing when the office ranked no unit', () => {
    expect(bonusPoints(DEMO_CAMPAIGN, { scores: {}, bonusRanking: [] }).size).toBe(0);
  });
});

describe('unitComposite: component = max × Σ weight·part / Σ weight / 100, bonus capped at the max', () => {
  it('works a unit by hand: 日常考评 20·95/100 + 0.5 = 19.5, 群众评议 80·(0.5·80 + 0.5·90)/100 = 68', () => {
    const r = unitComposite(DEMO_CAMPAIGN, 80, { daily: 95, network: 90 }, 0.5);
    expect(r.components.daily).toBeCloseTo(19.5, 12);
    expect(r.components.public).toBeCloseTo(68, 12);
    expect(r.total).toBeCloseTo(87.5, 12);
    expect(r.partMissing).toBe(false);
  });

  it('scales each component by its own max: a 70 + 30 scheme gives 70·81/100 + 30·60/100', () => {
    const r = unitComposite(SEED_004, 81, { inspection: 60 }, 0);
    expect(r.components.satisfaction).toBeCloseTo(56.7, 12);
    expect(r.components.inspection).toBeCloseTo(18, 12);
    expect(r.total).toBeCloseTo(74.7, 12);
  });

  it('adds the bonus only to the bonus component, and not past its max', () => {
    const below = unitComposite(DEMO_CAMPAIGN, 60, { daily: 90, network: 60 }, 0.4);
    // 18 + 0.4; 群众评议 80·60/100 = 48 gets nothing
    expect(below.components.daily).toBeCloseTo(18.4, 12);
    expect(below.components.public).toBeCloseTo(48, 12);
    expect(below.total).toBeCloseTo(66.4, 12);
    const capped = unitComposite(DEMO_CAMPAIGN, 60, { daily: 99, network: 60 }, 0.4);
    // 19.8 + 0.4 would be 20.2
    expect(capped.components.daily).toBe(20);
    expect(capped.total).toBeCloseTo(68, 12);
  });

  it('adds no bonus when the campaign defines none', () => {
    const r = unitComposite(SEED_004, 80, { inspection: 100 }, 5);
    expect(r.components).toEqual({ satisfaction: 56, inspection: 30 });
    expect(r.total).toBe(86);
  });

  it('renormalises a component over its valued parts and reports the part missing', () => {
    // no survey score: 群众评议 = 80·90/100 from the network figure alone
    const r = unitComposite(DEMO_CAMPAIGN, null, { daily: 50, network: 90 }, 0);
    expect(r.components.public).toBeCloseTo(72, 12);
    expect(r.components.daily).toBeCloseTo(10, 12);
    expect(r.total).toBeCloseTo(82, 12);
    expect(r.partMissing).toBe(true);
  });

  it('reports a missing manual figure as a missing part, the component renormalised over the survey', () => {
    const r = unitComposite(DEMO_CAMPAIGN, 70, { daily: 100 }, 0);
    expect(r.components.public).toBeCloseTo(56, 12);
    expect(r.total).toBeCloseTo(76, 12);
    expect(r.partMissing).toBe(true);
  });

  it('leaves a component without any valued part undefined, and with it the total, even with a bonus', () => {
    const noDaily = unitComposite(DEMO_CAMPAIGN, 80, { network: 80 }, 0.5);
    expect(noDaily.components.daily).toBeNull();
    expect(noDaily.components.public).toBeCloseTo(64, 12);
    expect(noDaily.total).toBeNull();
    expect(noDaily.partMissing).toBe(true);

    const noPublic = unitComposite(DEMO_CAMPAIGN, null, { daily: 80 }, 0);
    expect(noPublic.components.daily).toBeCloseTo(16, 12);
    expect(noPublic.components.public).toBeNull();
    expect(noPublic.total).toBeNull();
    expect(noPublic.partMissing).toBe(true);
  });

  it('reports a part missing in a later component, and none when every part has a value', () => {
    expect(unitComposite(DEMO_CAMPAIGN, 80, { daily: 80 }, 0).partMissing).toBe(true);
    expect(unitComposite(DEMO_CAMPAIGN, 80, { daily: 80, network: 80 }, 0).partMissing).toBe(false);
  });

  it('takes a manual figure only from the unit’s own figures, never from the prototype', () => {
    const campaign: Campaign = {
      ...SEED_004,
      scoring: { components: [{ id: 'inspection', label: '检查评议', max: 30, parts: [{ from: 'manual', id: 'toString', label: 'x', weight: 1 }] }] },
    };
    const r = unitComposite(campaign, 90, {}, 0);
    expect(r.components.inspection).toBeNull();
    expect(r.total).toBeNull();
    expect(r.partMissing).toBe(true);
  });

  it('gives 0 (not undefined) to a component whose parts are all 0', () => {
    const r = unitComposite(SEED_004, 0, { inspection: 0 }, 0);
    expect(r.components).toEqual({ satisfaction: 0, inspection: 0 });
    expect(r.total).toBe(0);
    expect(r.partMissing).toBe(false);
  });
});
