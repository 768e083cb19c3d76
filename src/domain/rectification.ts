import { z } from 'zod';
import { IdSchema } from './campaign';
import { instantMs, STRING_MAX, stringProblem, TEXT_MAX } from './record-rules';
import { FOLLOWUP_VERDICTS, HashSchema } from './records';
import { shanghaiDay } from './review';

/**
 * Rectification (整改, DOMAIN.md "Follow-up"): items the office opens for a unit from opinions and
 * findings, the unit's answers, and the 回头看 follow-ups sealed on tablets. Pure: the server, the
 * console, the tablet and `npm run verify` derive an item's status and overdue days from here.
 */

export const RECT_STATUSES = ['open', 'answered', 'verified', 'closed'] as const;
export type RectStatus = (typeof RECT_STATUSES)[number];
export { FOLLOWUP_VERDICTS };
export type FollowupVerdict = (typeof FOLLOWUP_VERDICTS)[number];
/** A unit's answer: its plan (表明态度), a progress note, done, or why not yet and by when. */
export const ANSWER_KINDS = ['plan', 'progress', 'done', 'not-yet'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** The most sources (record hashes) and evidence files one item or answer names. */
export const MAX_SOURCES = 200;
export const MAX_EVIDENCE = 20;

/** A string that may stand in a record or an action: bounded, no U+0000, no lone surrogate. */
const clean = (max: number, min = 0) =>
  z
    .string()
    .min(min, min > 0 ? 'may not be empty' : undefined)
    .superRefine((s, ctx) => {
      const p = stringProblem(s, max);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });
const text = (max: number) => clean(max, 1).refine((s) => s.trim().length > 0, 'may not be blank');

/** A calendar day YYYY-MM-DD of the years 2000 to 2100 (a deadline, a promised date). */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  .refine((d) => instantMs(`${d}T00:00:00.000Z`) !== undefined, 'not a real calendar day of the years 2000 to 2100');

export const NewItemSchema = z.strictObject({
  unitId: IdSchema,
  problem: text(TEXT_MAX),
  /** Hashes of the campaign's records the problem comes from (may be empty: the office's own observation). */
  sources: z.array(HashSchema).max(MAX_SOURCES),
  measures: clean(TEXT_MAX).optional(),
  responsible: clean(STRING_MAX).optional(),
  deadline: DaySchema,
});
export type NewItem = z.infer<typeof NewItemSchema>;

/** A change of an item: any of its fields but the unit (a follow-up sealed for the unit must stay valid). */
export const ItemChangeSchema = NewItemSchema.omit({ unitId: true })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'a change names at least one field');
export type ItemChange = z.infer<typeof ItemChangeSchema>;

export const CloseSchema = z.strictObject({ reason: text(TEXT_MAX) });

export const EvidenceSchema = z.strictObject({
  sha256: HashSchema,
  bytes: z.number().int().min(0),
  mime: clean(STRING_MAX, 1),
  name: clean(STRING_MAX).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const NewAnswerSchema = z
  .strictObject({
    kind: z.enum(ANSWER_KINDS),
    text: text(TEXT_MAX),
    evidence: z.array(EvidenceSchema).max(MAX_EVIDENCE).optional(),
    /** For `not-yet`: the day by which the unit will have fixed it. */
    by: DaySchema.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'not-yet' && a.by === undefined) ctx.addIssue({ code: 'custom', path: ['by'], message: 'say by when it will be fixed' });
    if (a.kind !== 'not-yet' && a.by !== undefined) ctx.addIssue({ code: 'custom', path: ['by'], message: 'only a not-yet answer names a day' });
  });
export type NewAnswer = z.infer<typeof NewAnswerSchema>;

/** An item as the office created and changed it (what the office actions replay to). */
export interface RectItem {
  id: string;
  campaignId: string;
  unitId: string;
  problem: string;
  sources: string[];
  measures?: string;
  responsible?: string;
  deadline: string;
  createdAt: string;
  createdBy: string;
  closedAt?: string;
  closedBy?: string;
  closeReason?: string;
}

/** A unit's answer to an item, an office-side record with who and when. */
export interface RectAnswer extends NewAnswer {
  id: string;
  itemId: string;
  actor: string;
  at: string;
}

/** A 回头看 follow-up in force (amends applied, voided ones left out), as the office lists it. */
export interface FollowupRef {
  hash: string;
  recordId: string;
  verdict: FollowupVerdict;
  visitedAt: string;
  note: string;
  attachments: number;
}

/**
 * closed when the office closed it; verified when the latest follow-up (by visitedAt) found it
 * fixed; answered once the unit has answered; open before.
 */
export function itemStatus(
  item: Pick<RectItem, 'closedAt'>,
  answers: readonly unknown[],
  followups: readonly Pick<FollowupRef, 'verdict' | 'visitedAt'>[],
): RectStatus {
  if (item.closedAt) return 'closed';
  const latest = [...followups].sort((a, b) => (a.visitedAt < b.visitedAt ? -1 : a.visitedAt > b.visitedAt ? 1 : 0)).at(-1);
  if (latest?.verdict === 'fixed') return 'verified';
  return answers.length > 0 ? 'answered' : 'open';
}

const DAY_MS = 86_400_000;

/**
 * Whole days past the deadline on the Asia/Shanghai day of `nowMs` (0 when not overdue). An item
 * is overdue from the day after its deadline until it is verified or closed.
 */
export function daysOverdue(deadline: string, status: RectStatus, nowMs: number): number {
  if (status === 'verified' || status === 'closed') return 0;
  // Stryker disable next-line StringLiteral: shanghaiDay gives YYYY-MM-DD, which Date.parse reads as UTC midnight with or without the suffix.
  const today = Date.parse(shanghaiDay(nowMs) + 'T00:00:00.000Z');
  // Stryker disable next-line StringLiteral: a deadline is a DaySchema YYYY-MM-DD, which Date.parse reads as UTC midnight with or without the suffix.
  const due = Date.parse(deadline + 'T00:00:00.000Z');
  return Math.max(0, Math.round((today - due) / DAY_MS));
}

/** Per unit: how many items in each status, overdue, and the completion rate (verified or closed of all). */
export interface UnitRectCounts {
  unitId: string;
  total: number;
  open: number;
  answered: number;
  verified: number;
  closed: number;
  overdue: number;
  /** The most days any of its items is overdue. */
  maxDaysOverdue: number;
  /** (verified + closed) / total, null for a unit without items. */
  completionRate: number | null;
}

export function unitCounts(items: readonly { unitId: string; status: RectStatus; daysOverdue: number }[]): UnitRectCounts[] {
  const by = new Map<string, UnitRectCounts>();
  for (const i of items) {
    let c = by.get(i.unitId);
    if (!c)
      by.set(i.unitId, (c = { unitId: i.unitId, total: 0, open: 0, answered: 0, verified: 0, closed: 0, overdue: 0, maxDaysOverdue: 0, completionRate: null }));
    c.total++;
    c[i.status]++;
    if (i.daysOverdue > 0) c.overdue++;
    c.maxDaysOverdue = Math.max(c.maxDaysOverdue, i.daysOverdue);
  }
  for (const c of by.values()) c.completionRate = (c.verified + c.closed) / c.total;
  return [...by.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
}

/** Overdue first (most days first), then by deadline, then by id: the order the office reads items in. */
export function byUrgency<T extends { daysOverdue: number; deadline: string; id: string }>(a: T, b: T): number {
  return b.daysOverdue - a.daysOverdue || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
