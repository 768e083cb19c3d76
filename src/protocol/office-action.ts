import { z } from 'zod';
import { TimeSchema } from '../domain/records';

/**
 * An office action (PROTOCOL.md "Office actions"): one decision of the office — a campaign
 * version, manual scores, a review decision, a veto, an enrollment code issued, a revocation, an
 * account created or disabled, a publication — appended as the leaf canon(action) of the same
 * RFC 6962 audit log as the records. Its hash is H(action) = SHA-256(canon(action)), like a record's.
 */
export const OfficeActionSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('office'),
  /** What was decided, in kebab case: `manual-scores`, `enrollment-code`, `revoke-device`, … */
  action: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'action is a lowercase name of letters, digits and dashes'),
  campaignId: z.string().min(1).max(200).optional(),
  /** The signed-in account's username, `admin-token` (the HTTP admin token), `admin-cli`, or `server` (the demo campaign of a new store). */
  actor: z.string().min(1).max(200),
  at: TimeSchema,
  /** What the decision was, enough to replay it (never a secret: an enrollment code is not in it). */
  data: z.record(z.string(), z.unknown()),
});
export type OfficeAction = z.infer<typeof OfficeActionSchema>;

/** An office action as listed and exported: its hash and its leaf index in the audit log. */
export interface LoggedAction {
  hash: string;
  logIndex: number;
  action: OfficeAction;
}

/** The actor of actions taken with the HTTP admin token. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';
/** The actor of actions taken with the admin CLI (`npm run admin`), which works on the store directly. */
export const ADMIN_CLI_ACTOR = 'admin-cli';
/** The actor of what the server does by itself: the demo campaign it writes into a new store. */
export const SERVER_ACTOR = 'server';

/** The names of the actions this server writes (others may be added; readers keep unknown ones). */
export const OFFICE_ACTIONS = {
  campaignVersion: 'campaign-version',
  vetoes: 'vetoes',
  manualScores: 'manual-scores',
  enrollmentCode: 'enrollment-code',
  revokeDevice: 'revoke-device',
  accountCreated: 'account-created',
  accountDisabled: 'account-disabled',
  reviewDecision: 'review-decision',
  /** 甄别: the office sets the tags (and a note) of opinions, complaints or findings (`data`: refs, tags, note). */
  opinionTags: 'opinion-tags',
  publish: 'publish',
  /** 撤回公示: the publication in force is taken down: `{ version, reason }` (the version withdrawn). */
  withdrawPublication: 'withdraw-publication',
  /** The roster (代表库) changed: `{ changed: [person without contact], removed: [id], size }`. */
  roster: 'roster',
  /** A draw (随机抽取): `{ drawId, seed, strata, picked, rosterHash }`, recomputable from the roster actions before it. */
  draw: 'draw',
  /** Quotas and issued counts per unit and rater group: `{ quotas }`, the whole map in force. */
  quotas: 'quotas',
  rectificationCreated: 'rectification-created',
  rectificationChanged: 'rectification-changed',
  rectificationClosed: 'rectification-closed',
  rectificationAnswered: 'rectification-answered',
  /** 公示 of the closed rectification items: `{ items: [ { id, unitId, unitName, problem, measures?, closedAt, closeReason } ] }`, all of them as they then stood. */
  rectificationsPublished: 'rectifications-published',
} as const;
