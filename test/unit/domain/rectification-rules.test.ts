import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { STRING_MAX, TEXT_MAX } from '../../../src/domain/record-rules';
import {
  ANSWER_KINDS,
  byUrgency,
  CloseSchema,
  DaySchema,
  EvidenceSchema,
  FOLLOWUP_VERDICTS,
  ItemChangeSchema,
  MAX_EVIDENCE,
  MAX_SOURCES,
  NewAnswerSchema,
  NewItemSchema,
  RECT_STATUSES,
  unitCounts,
  daysOverdue,
  itemStatus,
} from '../../../src/domain/rectification';

/** The issues of a parse as `path: message`, or undefined when it passes. */
const issues = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues.map((i) => `${i.path.join('/')}: ${i.message}`);

const HASH = (n: number) => n.toString(16).padStart(64, '0');
const item = { unitId: 'office', problem: '窗口排队太久', sources: [HASH(1)], deadline: '2026-12-31' };
const evidence = { sha256: HASH(2), bytes: 0, mime: 'image/jpeg' };

describe('the lists and bounds of rectification', () => {
  it('names the statuses, answer kinds and verdicts of DOMAIN.md, and the bounds of an item', () => {
    expect(RECT_STATUSES).toEqual(['open', 'answered', 'verified', 'closed']);
    expect(ANSWER_KINDS).toEqual(['plan', 'progress', 'done', 'not-yet']);
    expect(FOLLOWUP_VERDICTS).toEqual(['fixed', 'partly', 'not-fixed']);
    expect(MAX_SOURCES).toBe(200);
    expect(MAX_EVIDENCE).toBe(20);
  });
});

describe('DaySchema', () => {
  it('takes a real calendar day of the years 2000 to 2100', () => {
    for (const d of ['2000-01-01', '2100-12-31', '2028-02-29', '2026-12-31']) expect(DaySchema.safeParse(d).success, d).toBe(true);
  });
  it('refuses a day in another form', () => {
    for (const d of [
      '2026-1-01',
      '2026-01-1',
      '026-01-01',
      '20261-01-01',
      '2026-011-01',
      '2026-01-011',
      'x2026-01-01',
      '2026-01-01x',
      '2026/01/01',
      '2026-01-01T00:00:00.000Z',
    ])
      expect(issues(DaySchema, d)?.[0], d).toBe(': a day is YYYY-MM-DD');
  });
  it('refuses a day that is not on the calendar or out of the years', () => {
    for (const d of ['2026-02-29', '2026-13-01', '2026-04-31', '1999-12-31', '2101-01-01', '2026-00-10'])
      expect(issues(DaySchema, d), d).toEqual([': not a real calendar day of the years 2000 to 2100']);
  });
});

describe('NewItemSchema', () => {
  it('takes up to MAX_SOURCES record hashes as sources, none too', () => {
    expect(issues(NewItemSchema, item)).toBeUndefined();
    expect(issues(NewItemSchema, { ...item, sources: [] })).toBeUndefined();
    const many = Array.from({ length: MAX_SOURCES }, (_, i) => HASH(i));
    expect(issues(NewItemSchema, { ...item, sources: many })).toBeUndefined();
    expect(issues(NewItemSchema, { ...item, sources: [...many, HASH(999)] })?.[0]).toMatch(/^sources: /);
    expect(issues(NewItemSchema, { ...item, sources: ['x'] })?.[0]).toMatch(/^sources\/0: /);
  });

  it('bounds the problem and the measures to TEXT_MAX characters and the responsible to STRING_MAX', () => {
    const over = (k: string, max: number) => issues(NewItemSchema, { ...item, [k]: 'x'.repeat(max + 1) });
    expect(
      issues(NewItemSchema, { ...item, problem: 'x'.repeat(TEXT_MAX), measures: 'x'.repeat(TEXT_MAX), responsible: 'x'.repeat(STRING_MAX) }),
    ).toBeUndefined();
    expect(over('problem', TEXT_MAX)).toEqual([`problem: at most ${TEXT_MAX} characters here, this one has ${TEXT_MAX + 1}`]);
    expect(over('measures', TEXT_MAX)).toEqual([`measures: at most ${TEXT_MAX} characters here, this one has ${TEXT_MAX + 1}`]);
    expect(over('responsible', STRING_MAX)).toEqual([`responsible: at most ${STRING_MAX} characters here, this one has ${STRING_MAX + 1}`]);
  });

  it('lets the optional texts be empty but never hold U+0000, and wants a problem that is not empty nor blank', () => {
    expect(issues(NewItemSchema, { ...item, measures: '', responsible: '' })).toBeUndefined();
    expect(issues(NewItemSchema, { ...item, responsible: 'a\u0000' })).toEqual(['responsible: a string may not hold U+0000']);
    expect(issues(NewItemSchema, { ...item, measures: '\ud800' })).toEqual(['measures: a string may not hold a lone surrogate (it is not valid UTF-8)']);
    // An empty problem is named as empty (and, being blank too, as blank).
    expect(issues(NewItemSchema, { ...item, problem: '' })?.[0]).toBe('problem: may not be empty');
    expect(issues(NewItemSchema, { ...item, problem: ' \t\n' })).toEqual(['problem: may not be blank']);
    expect(issues(NewItemSchema, { ...item, problem: ' x ' })).toBeUndefined();
  });

  it('takes nothing but its fields and a unit by id', () => {
    expect(issues(NewItemSchema, { ...item, status: 'open' })?.[0]).toMatch(/^: /);
    expect(issues(NewItemSchema, { ...item, unitId: 'a b' })?.[0]).toMatch(/^unitId: /);
    expect(issues(NewItemSchema, { ...item, deadline: undefined })?.[0]).toMatch(/^deadline: /);
  });
});

describe('ItemChangeSchema', () => {
  it('takes any one field of an item but its unit, checked as in a new item', () => {
    for (const change of [{ problem: '新问题' }, { sources: [] }, { measures: '' }, { responsible: '王五' }, { deadline: '2027-01-01' }])
      expect(issues(ItemChangeSchema, change), Object.keys(change)[0]).toBeUndefined();
    expect(issues(ItemChangeSchema, { problem: ' ' })).toEqual(['problem: may not be blank']);
    expect(issues(ItemChangeSchema, { deadline: '2027-02-29' })).toEqual(['deadline: not a real calendar day of the years 2000 to 2100']);
    expect(issues(ItemChangeSchema, {})).toEqual([': a change names at least one field']);
  });
});

describe('the issues the shapes raise', () => {
  it('raises its own string, blank and answer-day problems as custom issues', () => {
    const codes = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues.map((i) => i.code);
    expect(codes(NewItemSchema, { ...item, problem: 'a\u0000b' })).toEqual(['custom']);
    expect(codes(NewItemSchema, { ...item, problem: '  ' })).toEqual(['custom']);
    expect(codes(NewAnswerSchema, { kind: 'not-yet', text: 'x' })).toEqual(['custom']);
    expect(codes(NewAnswerSchema, { kind: 'done', text: 'x', by: '2027-01-01' })).toEqual(['custom']);
  });
});

describe('CloseSchema', () => {
  it('wants a reason that is not blank, and nothing else', () => {
    expect(issues(CloseSchema, { reason: '已合并到其他事项' })).toBeUndefined();
    expect(issues(CloseSchema, { reason: '  ' })).toEqual(['reason: may not be blank']);
    expect(issues(CloseSchema, { reason: '' })?.[0]).toBe('reason: may not be empty');
    expect(issues(CloseSchema, { reason: 'x'.repeat(TEXT_MAX + 1) })?.[0]).toBe(`reason: at most ${TEXT_MAX} characters here, this one has ${TEXT_MAX + 1}`);
    expect(issues(CloseSchema, { reason: 'x', by: 'me' })?.[0]).toMatch(/^: /);
  });
});

describe('EvidenceSchema', () => {
  it('takes a file by hash, whole bytes from 0, a non-empty type and an optional name', () => {
    expect(issues(EvidenceSchema, evidence)).toBeUndefined();
    expect(issues(EvidenceSchema, { ...evidence, name: '' })).toBeUndefined();
    expect(issues(EvidenceSchema, { ...evidence, name: '整改前后.pdf', mime: 'application/pdf', bytes: 1024 })).toBeUndefined();
    expect(issues(EvidenceSchema, { ...evidence, mime: '' })).toEqual(['mime: may not be empty']);
    expect(issues(EvidenceSchema, { ...evidence, mime: 'x'.repeat(STRING_MAX + 1) })?.[0]).toBe(
      `mime: at most ${STRING_MAX} characters here, this one has ${STRING_MAX + 1}`,
    );
    expect(issues(EvidenceSchema, { ...evidence, name: 'x'.repeat(STRING_MAX + 1) })?.[0]).toBe(
      `name: at most ${STRING_MAX} characters here, this one has ${STRING_MAX + 1}`,
    );
    expect(issues(EvidenceSchema, { ...evidence, bytes: -1 })?.[0]).toMatch(/^bytes: /);
    expect(issues(EvidenceSchema, { ...evidence, bytes: 1.5 })?.[0]).toMatch(/^bytes: /);
    expect(issues(EvidenceSchema, { ...evidence, sha256: 'x' })?.[0]).toMatch(/^sha256: /);
    expect(issues(EvidenceSchema, { ...evidence, url: 'http://x' })?.[0]).toMatch(/^: /);
  });
});

describe('NewAnswerSchema', () => {
  it('takes every kind of answer, a day only with not-yet', () => {
    for (const kind of ANSWER_KINDS) {
      const a = kind === 'not-yet' ? { kind, text: '说明', by: '2027-01-01' } : { kind, text: '说明' };
      expect(issues(NewAnswerSchema, a), kind).toBeUndefined();
    }
    expect(issues(NewAnswerSchema, { kind: 'maybe', text: 'x' })?.[0]).toMatch(/^kind: /);
    expect(issues(NewAnswerSchema, { kind: 'not-yet', text: 'x', by: '2027-02-30' })).toEqual(['by: not a real calendar day of the years 2000 to 2100']);
  });

  it('takes up to MAX_EVIDENCE evidence files and wants a text that is not blank', () => {
    const files = Array.from({ length: MAX_EVIDENCE }, (_, i) => ({ ...evidence, sha256: HASH(i) }));
    expect(issues(NewAnswerSchema, { kind: 'done', text: '已整改', evidence: files })).toBeUndefined();
    expect(issues(NewAnswerSchema, { kind: 'done', text: '已整改', evidence: [...files, evidence] })?.[0]).toMatch(/^evidence: /);
    expect(issues(NewAnswerSchema, { kind: 'done', text: '已整改', evidence: [{ ...evidence, mime: '' }] })).toEqual(['evidence/0/mime: may not be empty']);
    expect(issues(NewAnswerSchema, { kind: 'done', text: ' ' })).toEqual(['text: may not be blank']);
    expect(issues(NewAnswerSchema, { kind: 'done', text: '已整改', extra: 1 })?.[0]).toMatch(/^: /);
  });
});

describe('itemStatus, daysOverdue, unitCounts and byUrgency', () => {
  it('is verified only when the latest follow-up found it fixed, whatever the answers', () => {
    expect(itemStatus({}, [], [{ verdict: 'partly', visitedAt: '2026-11-02T00:00:00.000Z' }])).toBe('open');
    expect(itemStatus({}, [{}, {}], [{ verdict: 'fixed', visitedAt: '2026-11-02T00:00:00.000Z' }])).toBe('verified');
    // Two follow-ups on the same instant: the one given last stands.
    const same = '2026-11-02T00:00:00.000Z';
    expect(
      itemStatus(
        {},
        [],
        [
          { verdict: 'not-fixed', visitedAt: same },
          { verdict: 'fixed', visitedAt: same },
        ],
      ),
    ).toBe('verified');
    expect(
      itemStatus(
        {},
        [],
        [
          { verdict: 'fixed', visitedAt: same },
          { verdict: 'not-fixed', visitedAt: same },
        ],
      ),
    ).toBe('open');
    expect(itemStatus({ closedAt: '' }, [], [])).toBe('open');
  });

  it('counts overdue days as whole Shanghai days, open and answered alike', () => {
    // 2026-11-12 04:00 Shanghai (20:00 UTC the day before): two days past a deadline of the 10th.
    expect(daysOverdue('2026-11-10', 'open', Date.parse('2026-11-11T20:00:00.000Z'))).toBe(2);
    expect(daysOverdue('2026-11-10', 'answered', Date.parse('2026-11-11T15:59:59.999Z'))).toBe(1);
    expect(daysOverdue('2026-11-10', 'open', Date.parse('2026-11-10T00:00:00.000Z'))).toBe(0);
    expect(daysOverdue('2026-11-10', 'open', Date.parse('2026-11-09T15:00:00.000Z'))).toBe(0);
    expect(daysOverdue('2026-12-31', 'open', Date.parse('2027-01-31T16:00:00.000Z'))).toBe(32);
  });

  it('gives a unit whose items are all open a completion rate of 0 and counts an item due today as not overdue', () => {
    expect(
      unitCounts([
        { unitId: 'u', status: 'open', daysOverdue: 0 },
        { unitId: 'u', status: 'answered', daysOverdue: 1 },
        { unitId: 'u', status: 'closed', daysOverdue: 0 },
      ]),
    ).toEqual([{ unitId: 'u', total: 3, open: 1, answered: 1, verified: 0, closed: 1, overdue: 1, maxDaysOverdue: 1, completionRate: 1 / 3 }]);
    expect(unitCounts([{ unitId: 'u', status: 'open', daysOverdue: 0 }])[0]).toMatchObject({ overdue: 0, maxDaysOverdue: 0, completionRate: 0 });
  });

  it('orders by deadline and then id in both directions, each comparison with its sign', () => {
    const a = { id: 'a', daysOverdue: 0, deadline: '2026-12-01' };
    expect(byUrgency(a, { ...a, daysOverdue: 1 })).toBeGreaterThan(0);
    expect(byUrgency({ ...a, daysOverdue: 1 }, a)).toBeLessThan(0);
    expect(byUrgency(a, { ...a, deadline: '2026-12-02' })).toBe(-1);
    expect(byUrgency({ ...a, deadline: '2026-12-02' }, a)).toBe(1);
    expect(byUrgency(a, { ...a, id: 'b' })).toBe(-1);
    expect(byUrgency({ ...a, id: 'b' }, a)).toBe(1);
    expect(byUrgency(a, { ...a })).toBe(0);
    // The deadline decides before the id.
    expect(byUrgency({ ...a, id: 'z' }, { ...a, id: 'b', deadline: '2026-12-02' })).toBe(-1);
  });
});
