import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';

const issues = (c: unknown) => {
  const r = CampaignSchema.safeParse(c);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};
const demo = (): Campaign => structuredClone(DEMO_CAMPAIGN);

describe('CampaignSchema', () => {
  it('takes the demo campaign, and one without checks', () => {
    expect(issues(demo())).toEqual([]);
    const { checks: _, ...noChecks } = demo();
    expect(issues(noChecks)).toEqual([]);
  });

  it('refuses repeated unit and dimension ids', () => {
    const c = demo();
    c.units.push({ ...c.units[0]! });
    expect(issues(c)).toEqual([{ path: ['units'], message: 'unit ids must be unique' }]);
    const d = demo();
    d.dimensions.push({ ...d.dimensions[1]! });
    expect(issues(d)).toEqual([{ path: ['dimensions'], message: 'dimension ids must be unique' }]);
  });

  it('refuses repeated scale keys', () => {
    const c = demo();
    c.scale.push({ key: 'very', label: '非常满意', score: 100 });
    expect(issues(c)).toEqual([{ path: ['scale'], message: 'scale keys must be unique' }]);
  });

  it('wants at least one counted scale level', () => {
    const c = demo();
    c.scale = c.scale.map((l) => ({ ...l, score: null }));
    expect(issues(c)).toEqual([{ path: ['scale'], message: 'at least one level must be counted' }]);
    const one = demo();
    one.scale = one.scale.map((l) => ({ ...l, score: l.key === 'neutral' ? 60 : null }));
    expect(issues(one)).toEqual([]);
  });

  it('wants rater group weights that sum to 1', () => {
    const c = demo();
    c.raterGroups[0]!.weight = 0.2;
    expect(issues(c)).toEqual([{ path: ['raterGroups'], message: 'rater group weights must sum to 1' }]);
  });

  it('refuses a bonus for a component it does not have', () => {
    const c = demo();
    c.scoring.bonus!.component = 'public';
    expect(issues(c)).toEqual([]);
    c.scoring.bonus!.component = 'extra';
    expect(issues(c)).toEqual([{ path: ['scoring', 'bonus', 'component'], message: 'bonus names an unknown component' }]);
  });

  it('takes a scoring without a bonus', () => {
    const c = demo();
    delete c.scoring.bonus;
    expect(issues(c)).toEqual([]);
  });

  it('takes checks that name a known dimension and points at one that names an unknown one', () => {
    const c = demo();
    c.checks = [
      { id: 'bribe', label: '是否遇到吃拿卡要', dimension: 'integrity' },
      { id: 'fees', label: '是否遇到乱收费', dimension: 'lawful' },
    ];
    expect(issues(c)).toEqual([]);
    c.checks.push({ id: 'shirk', label: '是否遇到推诿扯皮', dimension: 'beauty' });
    expect(issues(c)).toEqual([{ path: ['checks', 2, 'dimension'], message: 'a check names an unknown dimension' }]);
  });

  it('refuses a campaign that follows itself', () => {
    expect(issues({ ...demo(), previous: 'demo-2025' })).toEqual([]);
    expect(issues({ ...demo(), previous: 'demo' })).toEqual([{ path: ['previous'], message: 'a campaign cannot follow itself' }]);
  });
});
