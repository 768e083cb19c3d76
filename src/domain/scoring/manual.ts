import { z } from 'zod';
import type { Campaign } from '../campaign';
import { stringProblem, TEXT_MAX } from '../record-rules';
import type { ManualScores } from './types';

/** The manual part ids the campaign's components name (e.g. daily, network). */
export function manualPartIds(campaign: Campaign): string[] {
  const ids = new Set<string>();
  for (const c of campaign.scoring.components) for (const p of c.parts) if (p.from === 'manual') ids.add(p.id);
  return [...ids];
}

/**
 * The schema of `PUT …/manual-scores` for one campaign: figures 0–100 for known units and manual
 * part ids, and a bonus ranking of distinct known units. Unknown ids are refused, not dropped, so a
 * typing slip is seen.
 */
export function manualScoresSchema(campaign: Campaign) {
  const units = new Set(campaign.units.map((u) => u.id));
  const parts = new Set(manualPartIds(campaign));
  const figure = z.number().min(0, 'a manual figure is 0–100').max(100, 'a manual figure is 0–100');
  return z.strictObject({
    scores: z.record(z.string(), z.record(z.string(), figure)).superRefine((scores, ctx) => {
      for (const [unitId, byPart] of Object.entries(scores)) {
        if (!units.has(unitId)) ctx.addIssue({ code: 'custom', path: [unitId], message: `unknown unit "${unitId}"` });
        for (const partId of Object.keys(byPart)) {
          if (!parts.has(partId)) ctx.addIssue({ code: 'custom', path: [unitId, partId], message: `unknown manual part "${partId}"` });
        }
      }
    }),
    bonusRanking: z
      .array(z.string())
      .default([])
      .superRefine((ranking, ctx) => {
        ranking.forEach((id, i) => {
          if (!units.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown unit "${id}"` });
          else if (ranking.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `unit "${id}" is ranked twice` });
        });
      }),
  });
}

/** Validates manual scores against the campaign; returns the parsed value or the first problem. */
export function parseManualScores(campaign: Campaign, input: unknown): { ok: true; value: ManualScores } | { ok: false; path: string; message: string } {
  const r = manualScoresSchema(campaign).safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, path: '/' + issue.path.map(String).join('/'), message: issue.message };
}

/** Why the office enters or fills manual figures: free text, not blank, at most TEXT_MAX characters. */
export const ManualReasonSchema = z
  .string()
  .superRefine((s, ctx) => {
    const p = stringProblem(s, TEXT_MAX);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  })
  .refine((s) => s.trim().length > 0, 'a reason may not be blank');

/**
 * `POST …/manual-scores/from-rectification` for one campaign: a manual part of its components,
 * distinct units of the campaign (at least one), and the reason (PROTOCOL.md "Office side").
 */
export function fillFromRectificationSchema(campaign: Campaign) {
  const units = new Set(campaign.units.map((u) => u.id));
  const parts = manualPartIds(campaign);
  return z.strictObject({
    part: z.string().refine((p) => parts.includes(p), 'not a manual part of the campaign’s components'),
    units: z
      .array(z.string())
      .min(1, 'name at least one unit')
      .max(campaign.units.length, 'a unit is named twice')
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (!units.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown unit "${id.slice(0, 200)}"` });
          else if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `unit "${id}" is named twice` });
        });
      }),
    reason: ManualReasonSchema,
  });
}

/** A unit's manual figure from its completion rate: 100 × done / total, rounded to 2 decimals (what verify recomputes). */
export const completionFigure = (done: number, total: number): number => Math.round((10_000 * done) / total) / 100;
