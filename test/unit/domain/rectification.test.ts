import { describe, expect, it } from 'vitest';
import { byUrgency, daysOverdue, itemStatus, NewAnswerSchema, NewItemSchema, ItemChangeSchema, unitCounts } from '../../../src/domain/rectification';

const at = (iso: string) => Date.parse(iso);

describe('itemStatus', () => {
  const followup = (verdict: 'fixed' | 'not-fixed' | 'partly', visitedAt: string) => ({ verdict, visitedAt }) as const;
  it('is open, then answered, verified by the latest follow-up finding it fixed, closed above all', () => {
    expect(itemStatus({}, [], [])).toBe('open');
    expect(itemStatus({}, [{}], [])).toBe('answered');
    expect(itemStatus({}, [], [followup('fixed', '2026-11-02T00:00:00.000Z')])).toBe('verified');
    // The latest by visitedAt counts, whatever the order given.
    const older = followup('fixed', '2026-11-01T00:00:00.000Z');
    const newer = followup('not-fixed', '2026-11-03T00:00:00.000Z');
    expect(itemStatus({}, [{}], [older, newer])).toBe('answered');
    expect(itemStatus({}, [{}], [newer, older])).toBe('answered');
    expect(
      itemStatus(
        {},
        [],
        [
          { ...newer, verdict: 'fixed' },
          { ...older, verdict: 'not-fixed' },
        ],
      ),
    ).toBe('verified');
    expect(
      itemStatus(
        {},
        [],
        [
          { ...older, verdict: 'not-fixed' },
          { ...newer, verdict: 'fixed' },
        ],
      ),
    ).toBe('verified');
    expect(itemStatus({ closedAt: '2026-11-04T00:00:00.000Z' }, [{}], [older])).toBe('closed');
  });

  it('reads the latest of several follow-ups in any order they come', () => {
    const visits = [
      followup('not-fixed', '2026-11-01T00:00:00.000Z'),
      followup('partly', '2026-11-02T00:00:00.000Z'),
      followup('fixed', '2026-11-03T00:00:00.000Z'),
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const given = order.map((i) => visits[i]!);
      expect(itemStatus({}, [{}], given), order.join()).toBe('verified');
      // The same visits with the fixed one earliest: the latest says partly.
      const moved = given.map((v) => (v.verdict === 'fixed' ? { ...v, visitedAt: '2026-10-31T00:00:00.000Z' } : v));
      expect(itemStatus({}, [{}], moved), order.join()).toBe('answered');
    }
  });
});

describe('daysOverdue', () => {
  it('counts whole Shanghai days after the deadline, none on it, none once verified or closed', () => {
    // 2026-11-10 16:00 UTC is 2026-11-11 00:00 in Shanghai.
    expect(daysOverdue('2026-11-10', 'open', at('2026-11-10T15:59:59.000Z'))).toBe(0);
    expect(daysOverdue('2026-11-10', 'open', at('2026-11-10T16:00:00.000Z'))).toBe(1);
    expect(daysOverdue('2026-11-10', 'answered', at('2026-11-13T16:00:00.000Z'))).toBe(4);
    expect(daysOverdue('2026-11-10', 'open', at('2026-11-01T00:00:00.000Z'))).toBe(0);
    expect(daysOverdue('2026-11-10', 'verified', at('2026-11-20T00:00:00.000Z'))).toBe(0);
    expect(daysOverdue('2026-11-10', 'closed', at('2026-11-20T00:00:00.000Z'))).toBe(0);
  });
});

describe('unitCounts and byUrgency', () => {
  it('counts each unit’s items by status, overdue and completion, units in id order', () => {
    const counts = unitCounts([
      { unitId: 'office', status: 'open', daysOverdue: 3 },
      { unitId: 'law', status: 'verified', daysOverdue: 0 },
      { unitId: 'office', status: 'closed', daysOverdue: 0 },
      { unitId: 'office', status: 'answered', daysOverdue: 5 },
      { unitId: 'office', status: 'verified', daysOverdue: 0 },
    ]);
    expect(counts).toEqual([
      { unitId: 'law', total: 1, open: 0, answered: 0, verified: 1, closed: 0, overdue: 0, maxDaysOverdue: 0, completionRate: 1 },
      { unitId: 'office', total: 4, open: 1, answered: 1, verified: 1, closed: 1, overdue: 2, maxDaysOverdue: 5, completionRate: 0.5 },
    ]);
    expect(unitCounts([])).toEqual([]);
    // Units in id order whatever order their items come in.
    expect(unitCounts(['c', 'a', 'b'].map((unitId) => ({ unitId, status: 'open' as const, daysOverdue: 0 }))).map((c) => c.unitId)).toEqual(['a', 'b', 'c']);
  });

  it('orders overdue first (most days first), then by deadline, then by id', () => {
    const items = [
      { id: 'b', daysOverdue: 0, deadline: '2026-12-01' },
      { id: 'a', daysOverdue: 0, deadline: '2026-12-01' },
      { id: 'c', daysOverdue: 2, deadline: '2026-11-01' },
      { id: 'd', daysOverdue: 7, deadline: '2026-11-05' },
      { id: 'e', daysOverdue: 0, deadline: '2026-11-20' },
    ];
    expect([...items].sort(byUrgency).map((i) => i.id)).toEqual(['d', 'c', 'e', 'a', 'b']);
    expect(
      [...items]
        .reverse()
        .sort(byUrgency)
        .map((i) => i.id),
    ).toEqual(['d', 'c', 'e', 'a', 'b']);
    expect(byUrgency(items[0]!, { ...items[0]! })).toBe(0);
  });
});

describe('the shapes the office sends', () => {
  const item = { unitId: 'office', problem: '窗口排队太久', sources: [], deadline: '2026-12-31' };
  it('takes an item with a real deadline and a problem that is not blank', () => {
    expect(NewItemSchema.safeParse(item).success).toBe(true);
    const problems = (v: unknown) => NewItemSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
    expect(problems({ ...item, problem: '   ' })).toEqual(['problem: may not be blank']);
    expect(problems({ ...item, problem: '' })).toContain('problem: may not be empty');
    expect(problems({ ...item, problem: 'a\u0000b' })).toEqual(['problem: a string may not hold U+0000']);
    expect(problems({ ...item, deadline: '2026-02-30' })).toEqual(['deadline: not a real calendar day of the years 2000 to 2100']);
    expect(problems({ ...item, deadline: '2026-2-3' })).toContain('deadline: a day is YYYY-MM-DD');
    expect(problems({ ...item, measures: '' })).toBeUndefined();
  });

  it('takes a change naming at least one field, never the unit', () => {
    expect(ItemChangeSchema.safeParse({ deadline: '2027-01-15' }).success).toBe(true);
    expect(ItemChangeSchema.safeParse({}).error?.issues[0]?.message).toBe('a change names at least one field');
    expect(ItemChangeSchema.safeParse({ unitId: 'law' }).success).toBe(false);
  });

  it('wants a day with a not-yet answer and with no other', () => {
    expect(NewAnswerSchema.safeParse({ kind: 'not-yet', text: '资金未到位', by: '2027-03-01' }).success).toBe(true);
    expect(NewAnswerSchema.safeParse({ kind: 'done', text: '已整改' }).success).toBe(true);
    const issue = (v: unknown) => NewAnswerSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
    expect(issue({ kind: 'not-yet', text: '资金未到位' })).toEqual(['by: say by when it will be fixed']);
    expect(issue({ kind: 'plan', text: '制定方案', by: '2027-03-01' })).toEqual(['by: only a not-yet answer names a day']);
  });
});
