import { z } from 'zod';
import { IdSchema } from './campaign';
import { IMAGE_MIMES, instantMs } from './record-rules';

/** RFC 3339 UTC with milliseconds, e.g. 2026-11-21T09:30:00.000Z. */
export const TimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'time must be RFC 3339 UTC with milliseconds');
/** A time in a record: TimeSchema's form, naming a real instant of the years 2000 to 2100. */
export const InstantSchema = TimeSchema.refine((s) => instantMs(s) !== undefined, 'time must be a real date and time of the years 2000 to 2100');
export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'hash must be 64 lowercase hex characters');
export const B64uSchema = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url without padding');
export const UuidV7Schema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'id must be a lowercase UUIDv7');

const int = () => z.number().int();
/** Coordinates in integer microdegrees and accuracy in whole metres: signed objects hold no floats. */
export const LocationSchema = z.looseObject({
  latE6: int().min(-90_000_000).max(90_000_000),
  lonE6: int().min(-180_000_000).max(180_000_000),
  accuracyM: int().min(0),
});

export const CHANNELS = ['stall', 'forum', 'visit', 'door', 'other'] as const;
export const OPINION_KINDS = ['opinion', 'suggestion', 'complaint', 'praise'] as const;
export const VISIT_MODES = ['covert', 'open'] as const;
export const RECORD_TYPES = ['f2f', 'forum', 'visit', 'stall', 'followup', 'amend', 'void'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export type OriginalType = Exclude<RecordType, 'amend' | 'void'>;

export const F2fBodySchema = z.looseObject({
  unitId: IdSchema,
  raterGroup: IdSchema,
  channel: z.enum(CHANNELS),
  ratings: z.record(z.string(), z.string()),
  overall: z.string().min(1),
  checks: z.record(z.string(), z.boolean()).optional(),
  comment: z.string().optional(),
  respondent: z.looseObject({ ageBand: z.string().optional(), occupation: z.string().optional() }).optional(),
  durationMs: int().min(0),
  location: LocationSchema.optional(),
});

export const OpinionSchema = z.looseObject({
  unitId: IdSchema.optional(),
  dimensionId: IdSchema.optional(),
  kind: z.enum(OPINION_KINDS),
  text: z.string().min(1),
});
export const ForumBodySchema = z.looseObject({
  unitIds: z.array(IdSchema).min(1),
  title: z.string().min(1),
  heldAt: InstantSchema,
  place: z.string().min(1),
  host: z.string().optional(),
  attendees: z.record(z.string(), int().min(0)),
  opinions: z.array(OpinionSchema),
});

export const VisitBodySchema = z.looseObject({
  unitId: IdSchema,
  mode: z.enum(VISIT_MODES),
  visitedAt: InstantSchema,
  place: z.string().optional(),
  categories: z.array(IdSchema).min(1),
  severity: IdSchema,
  location: LocationSchema.optional(),
});

export const ComplaintSchema = z.looseObject({ unitId: IdSchema, category: z.string(), text: z.string().min(1) });
export const StallBodySchema = z.looseObject({
  place: z.string().min(1),
  unitIds: z.array(IdSchema).min(1),
  openedAt: InstantSchema,
  closedAt: InstantSchema,
  visitors: int().min(0),
  complaints: z.array(ComplaintSchema),
  // PROTOCOL.md lists `location` without "optional"; a stall set up where the device has no fix must
  // still be loggable, so the place text is the fallback and `location` is optional (docs/protocol notes).
  location: LocationSchema.optional(),
});

/** 回头看: a representative's or inspector's visit back to see whether a rectification item was fixed. */
export const FOLLOWUP_VERDICTS = ['fixed', 'partly', 'not-fixed'] as const;
export const FollowupBodySchema = z.looseObject({
  itemId: IdSchema,
  unitId: IdSchema,
  verdict: z.enum(FOLLOWUP_VERDICTS),
  note: z.string(),
  visitedAt: InstantSchema,
  location: LocationSchema.optional(),
});

export const AmendBodySchema = z.looseObject({
  targetId: UuidV7Schema,
  targetHash: HashSchema,
  reason: z.string().min(1),
  body: z.record(z.string(), z.unknown()),
});
export const VoidBodySchema = z.looseObject({
  targetId: UuidV7Schema,
  targetHash: HashSchema,
  reason: z.string().min(1),
});

export const BODY_SCHEMAS = {
  f2f: F2fBodySchema,
  forum: ForumBodySchema,
  visit: VisitBodySchema,
  stall: StallBodySchema,
  followup: FollowupBodySchema,
  amend: AmendBodySchema,
  void: VoidBodySchema,
} as const;

export const SealedSchema = z.strictObject({
  alg: z.literal('HPKE-P256-SHA256-AES256GCM'),
  enc: B64uSchema.min(1),
  ct: B64uSchema.min(1),
});
export const AttachmentSchema = z.strictObject({
  sha256: HashSchema,
  bytes: int().min(0),
  mime: z.string().refine((m) => (IMAGE_MIMES as readonly string[]).includes(m), 'mime must be image/jpeg, image/png or image/webp'),
  sealed: z.boolean(),
});

/**
 * The record in the exact wire shape of PROTOCOL.md; `body` is checked per type by validateRecord.
 * String lengths, U+0000, lone surrogates and integers are checked for the whole record by
 * record-rules' valueProblem (free text ≤ 2,000 characters, other strings ≤ 200).
 */
export const RecordSchema = z.strictObject({
  v: z.literal(1),
  type: z.enum(RECORD_TYPES),
  id: UuidV7Schema,
  campaignId: IdSchema,
  deviceId: z.string().min(1).max(128),
  seq: int().min(1),
  prev: HashSchema,
  collector: z.string().min(1).max(128),
  createdAt: InstantSchema,
  sealedAt: InstantSchema,
  body: z.record(z.string(), z.unknown()),
  sealed: SealedSchema.optional(),
  attachments: z.array(AttachmentSchema).optional(),
});

export type F2fBody = z.infer<typeof F2fBodySchema>;
export type ForumBody = z.infer<typeof ForumBodySchema>;
export type VisitBody = z.infer<typeof VisitBodySchema>;
export type StallBody = z.infer<typeof StallBodySchema>;
export type FollowupBody = z.infer<typeof FollowupBodySchema>;
export type AmendBody = z.infer<typeof AmendBodySchema>;
export type VoidBody = z.infer<typeof VoidBodySchema>;
export type Location = z.infer<typeof LocationSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type Sealed = z.infer<typeof SealedSchema>;
/** A sealed record, exactly as stored and sent. */
export type PingyiRecord = z.infer<typeof RecordSchema>;
/** What the tablet knows before sealing: the record without seq, prev and sealedAt. */
export type UnsealedRecord = Omit<PingyiRecord, 'seq' | 'prev' | 'sealedAt'>;
