import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { completionFigure, fillFromRectificationSchema, ManualReasonSchema } from '../../../src/domain/scoring';

const firstIssue = (input: unknown) => {
  const r = fillFromRectificationSchema(DEMO_CAMPAIGN).safeParse(input);
  return r.success ? null : { path: r.error.issues[0]!.path, message: r.error.issues[0]!.message };
};
const fill = { part: 'network', units: ['office', 'law'], reason: '按整改完成率计' };

describe('ManualReasonSchema', () => {
  it('takes a reason with text', () => {
    expect(ManualReasonSchema.safeParse(' 按整改完成率计 ').success).toBe(true);
  });
  it('refuses an empty or blank reason', () => {
    for (const blank of ['', '   ', '\n\t']) {
      const r = ManualReasonSchema.safeParse(blank);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('a reason may not be blank');
    }
  });
  it('refuses U+0000 and text beyond 2,000 characters with the string rule’s sentence', () => {
    expect(ManualReasonSchema.safeParse('原因\u0000').error?.issues[0]?.message).toBe('a string may not hold U+0000');
    expect(ManualReasonSchema.safeParse('因'.repeat(2001)).error?.issues[0]?.message).toBe('at most 2000 characters here, this one has 2001');
    expect(ManualReasonSchema.safeParse('因'.repeat(2000)).success).toBe(true);
  });
});

describe('fillFromRectificationSchema', () => {
  it('takes a manual part, distinct known units and a reason', () => {
    const r = fillFromRectificationSchema(DEMO_CAMPAIGN).safeParse(fill);
    expect(r.success && r.data).toEqual(fill);
    expect(firstIssue({ ...fill, part: 'daily', units: DEMO_CAMPAIGN.units.map((u) => u.id) })).toBeNull();
  });
  it('refuses a part that is not a manual part of the components', () => {
    expect(firstIssue({ ...fill, part: 'survey' })).toEqual({ path: ['part'], message: 'not a manual part of the campaign’s components' });
  });
  it('refuses an empty list of units', () => {
    expect(firstIssue({ ...fill, units: [] })).toEqual({ path: ['units'], message: 'name at least one unit' });
  });
  it('refuses more units than the campaign has', () => {
    const units = [...DEMO_CAMPAIGN.units.map((u) => u.id), 'office'];
    expect(firstIssue({ ...fill, units })).toEqual({ path: ['units'], message: 'a unit is named twice' });
  });
  it('points at an unknown unit, its name cut to 200 characters', () => {
    expect(firstIssue({ ...fill, units: ['office', 'zoo'] })).toEqual({ path: ['units', 1], message: 'unknown unit "zoo"' });
    const long = 'x'.repeat(300);
    expect(firstIssue({ ...fill, units: [long] })).toEqual({ path: ['units', 0], message: `unknown unit "${'x'.repeat(200)}"` });
  });
  it('points at the second naming of a unit', () => {
    expect(firstIssue({ ...fill, units: ['law', 'office', 'law'] })).toEqual({ path: ['units', 2], message: 'unit "law" is named twice' });
  });
  it('refuses a blank reason and fields it does not know', () => {
    expect(firstIssue({ ...fill, reason: ' ' })).toEqual({ path: ['reason'], message: 'a reason may not be blank' });
    expect(firstIssue({ ...fill, extra: 1 })).not.toBeNull();
  });
});

describe('completionFigure', () => {
  it('is 100 × done / total, rounded to 2 decimals', () => {
    expect(completionFigure(3, 4)).toBe(75);
    expect(completionFigure(2, 3)).toBe(66.67);
    expect(completionFigure(1, 3)).toBe(33.33);
    expect(completionFigure(0, 5)).toBe(0);
    expect(completionFigure(7, 7)).toBe(100);
  });
});
