import { z } from 'zod';

/** Ids of campaigns, units, dimensions …: short strings of letters, digits, `-` and `_` (PROTOCOL.md). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id: letters, digits, - and _ only (1–64)');

/** Names and labels the office types: at most 200 characters (the console and the exports show them whole). */
const Name = z.string().min(1).max(200);

/**
 * The same label in the interface's other languages (the plain `label`/`name` is Simplified
 * Chinese): optional on every unit, dimension, scale level, rater group, check, finding category
 * and severity. A language without an entry shows the plain label.
 */
export const LabelsSchema = z.object({ 'zh-Hant': Name.optional(), en: Name.optional() });
const labels = LabelsSchema.optional();

/** A unit; `retired: true` keeps its records but lists it unranked (a unit with records is never removed). */
export const UnitSchema = z.object({ id: IdSchema, name: Name, category: z.string().max(200), retired: z.boolean().optional(), labels });
export const DimensionSchema = z.object({
  id: IdSchema,
  label: Name,
  hint: z.string().max(2000).default(''),
  labels,
  hints: z.object({ 'zh-Hant': z.string().max(2000).optional(), en: z.string().max(2000).optional() }).optional(),
});
/** A scale level; `score: null` is recorded but not counted (不了解). */
export const ScaleLevelSchema = z.object({
  key: IdSchema,
  label: Name,
  score: z.number().min(0).max(100).nullable(),
  labels,
});
export const RaterGroupSchema = z.object({ id: IdSchema, label: Name, weight: z.number().min(0).max(1), labels });
export const LabelledSchema = z.object({ id: IdSchema, label: Name, labels });
/**
 * A yes/no question (是否遇到吃拿卡要…); `dimension` names the 评议内容 it belongs to, and the
 * questionnaire asks it right below that dimension's rating (without it, after the overall rating).
 */
export const CheckSchema = LabelledSchema.extend({ dimension: IdSchema.optional() });

/** How the field app presents the campaign; every setting is off when absent. */
export const UiSchema = z.object({
  /** Show the answers for a last look before 提交/封存 seals them. */
  reviewBeforeSeal: z.boolean().optional(),
  /** Offer to record the position on a questionnaire (off by default: a respondent's privacy). */
  f2fLocation: z.boolean().optional(),
});

export const ScoringPartSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('survey'), weight: z.number().positive() }),
  /** A figure the office enters per unit; `label` is how the console and the exports name it. */
  z.object({ from: z.literal('manual'), id: IdSchema, label: z.string().min(1).max(200).optional(), weight: z.number().positive() }),
]);
export const ComponentSchema = z.object({
  id: IdSchema,
  label: Name,
  max: z.number().positive(),
  parts: z.array(ScoringPartSchema).min(1),
});
export const BonusSchema = z.object({
  label: Name,
  byRank: z.array(z.number().min(0)).min(1),
  component: IdSchema,
});
export const ScoringSchema = z.object({
  components: z.array(ComponentSchema).min(1),
  bonus: BonusSchema.optional(),
  /** `category`: each unit is also ranked among the units of its category (`categoryRank`). */
  rankWithin: z.literal('category').optional(),
});

/** A P-256 public JWK (public members only) for HPKE. */
export const P256PublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
});

export const StageSchema = z.object({
  id: IdSchema,
  label: Name,
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * Limits on one device's questionnaires (PROTOCOL.md "Held questionnaires"): an f2f past them is
 * stored but held for the office's review. Absent keys take the defaults (200 a day, 10 within 5
 * minutes, see domain/review.ts); `null` turns a limit off.
 */
export const LimitsSchema = z.strictObject({
  maxPerDevicePerDay: z.number().int().min(1).max(100_000).nullable().optional(),
  burst: z
    .strictObject({ count: z.number().int().min(2).max(10_000), minutes: z.number().int().min(1).max(1440) })
    .nullable()
    .optional(),
});

const uniqueIds = (xs: { id: string }[]) => new Set(xs.map((x) => x.id)).size === xs.length;

/** The campaign definition (PROTOCOL.md "Campaign definition"; meaning in src/domain/DOMAIN.md). */
export const CampaignSchema = z
  .object({
    id: IdSchema,
    name: Name,
    year: z.number().int().min(2000).max(2100),
    issuer: Name,
    units: z.array(UnitSchema).min(1).refine(uniqueIds, 'unit ids must be unique'),
    dimensions: z.array(DimensionSchema).min(1).refine(uniqueIds, 'dimension ids must be unique'),
    scale: z
      .array(ScaleLevelSchema)
      .min(2)
      .refine((xs) => new Set(xs.map((x) => x.key)).size === xs.length, 'scale keys must be unique')
      .refine((xs) => xs.some((x) => x.score !== null), 'at least one level must be counted'),
    raterGroups: z
      .array(RaterGroupSchema)
      .min(1)
      .refine(uniqueIds, 'rater group ids must be unique')
      .refine((xs) => Math.abs(xs.reduce((s, g) => s + g.weight, 0) - 1) < 1e-9, 'rater group weights must sum to 1'),
    checks: z.array(CheckSchema).optional(),
    findingCategories: z.array(LabelledSchema),
    severities: z.array(LabelledSchema),
    minSamplePerGroup: z.number().int().min(0).default(30),
    /** A unit with fewer counted questionnaires is listed unranked, flagged `small-sample`. */
    minSampleToRank: z.number().int().min(0).optional(),
    /** The campaign this one follows (last year's): the tally shows each unit's earlier results beside. */
    previous: IdSchema.optional(),
    /** The version as served (`PUT` makes a new one); ignored in what the office sends. */
    version: z.number().int().min(1).optional(),
    scoring: ScoringSchema,
    encryptionKey: P256PublicJwkSchema.nullable(),
    stages: z.array(StageSchema).optional(),
    limits: LimitsSchema.nullable().optional(),
    ui: UiSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const bonus = c.scoring.bonus;
    if (bonus && !c.scoring.components.some((k) => k.id === bonus.component)) {
      ctx.addIssue({ code: 'custom', path: ['scoring', 'bonus', 'component'], message: 'bonus names an unknown component' });
    }
    const dimensions = new Set(c.dimensions.map((d) => d.id));
    c.checks?.forEach((k, i) => {
      if (k.dimension !== undefined && !dimensions.has(k.dimension))
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'dimension'], message: 'a check names an unknown dimension' });
    });
    if (c.previous === c.id) ctx.addIssue({ code: 'custom', path: ['previous'], message: 'a campaign cannot follow itself' });
  });

export type Campaign = z.infer<typeof CampaignSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Dimension = z.infer<typeof DimensionSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type ScaleLevel = z.infer<typeof ScaleLevelSchema>;
export type RaterGroup = z.infer<typeof RaterGroupSchema>;
export type ScoringComponent = z.infer<typeof ComponentSchema>;
export type CampaignLimits = z.infer<typeof LimitsSchema>;
export type P256PublicJwk = z.infer<typeof P256PublicJwkSchema>;
