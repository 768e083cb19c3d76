import type { Campaign } from '../../domain/campaign';
import { CLOCK_SLACK_MS, DURATION_SLACK_MS, instantMs, STRING_MAX, stringOk, TEXT_MAX } from '../../domain/record-rules';
import { CHANNELS, F2fBodySchema, LocationSchema, RecordSchema } from '../../domain/records';
import type { DeviceView } from '../../domain/validate';

/**
 * A quick test for the common case of the ingest path: a plain questionnaire (f2f, no sealed part,
 * no attachments or `attachments: []`, no body fields beyond the schema's) that validateRecord
 * would accept from this device. It answers true only when every check of RecordSchema,
 * F2fBodySchema, validateBody and record-rules (strings, integers, times, the device's collector
 * and clock) holds, and false on any doubt, after which the
 * caller runs validateRecord itself, which decides and names the problem. It may therefore be
 * stricter than the schemas, never laxer; test/server/quick-check.test.ts holds the two together
 * on boundary cases and random variations. Checks of the schemas are repeated here by hand: zod's
 * copy of every record and its body was a tenth of the server's time per record.
 */
export type QuickCheck = (record: Record<string, unknown>) => boolean;

const RECORD_KEYS = ['v', 'type', 'id', 'campaignId', 'deviceId', 'seq', 'prev', 'collector', 'createdAt', 'sealedAt', 'body'];
const RECORD_KEYS_WITH_ATTACHMENTS = [...RECORD_KEYS, 'attachments'];
const BODY_KEYS = ['unitId', 'raterGroup', 'channel', 'ratings', 'overall', 'checks', 'comment', 'respondent', 'durationMs', 'location'];
const LOCATION_KEYS = ['latE6', 'lonE6', 'accuracyM'];
const RESPONDENT_KEYS = ['ageBand', 'occupation'];

/**
 * The schemas' own fields, checked at load: a field added to a schema is not known here, so the
 * quick test would be unsound; it then never answers true (every record takes validateRecord).
 */
const IN_STEP =
  sameKeys(Object.keys(RecordSchema.shape), [...RECORD_KEYS, 'sealed', 'attachments']) &&
  sameKeys(Object.keys(F2fBodySchema.shape), BODY_KEYS) &&
  sameKeys(Object.keys(LocationSchema.shape), LOCATION_KEYS);

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
const CHANNEL_SET = new Set<unknown>(CHANNELS);

/** A JSON object as zod's object and record schemas take it (JSON.parse makes only these). */
const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
/** Non-empty, at most `max` UTF-16 units (so at most `max` code points), no U+0000 or lone surrogate. */
const text = (x: unknown, max: number): x is string => typeof x === 'string' && x.length >= 1 && x.length <= max && stringOk(x, max);
const int = (x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): x is number => Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max;
const matches = (x: unknown, re: RegExp): x is string => typeof x === 'string' && re.test(x);

/** Own keys all among `known` (the strict record shape; loose shapes only for their own fields' sake). */
function keysAmong(o: Record<string, unknown>, known: readonly string[]): boolean {
  for (const k in o) if (!known.includes(k)) return false;
  return true;
}

/** The quick test for records of one campaign from one device (its ids gathered once per batch). */
export function quickCheck(campaign: Campaign, device: DeviceView): QuickCheck {
  if (!IN_STEP) return () => false;
  const latestSeal = Date.parse(device.receivedAt) + CLOCK_SLACK_MS;
  const earliestStart = Date.parse(device.enrolledAt) - CLOCK_SLACK_MS;
  if (!(latestSeal >= 0 && earliestStart >= 0)) return () => false;
  const units = new Set(campaign.units.map((u) => u.id));
  const groups = new Set(campaign.raterGroups.map((g) => g.id));
  const dims = new Set(campaign.dimensions.map((d) => d.id));
  const levels = new Set(campaign.scale.map((l) => l.key));
  const checks = new Set((campaign.checks ?? []).map((c) => c.id));
  const dimCount = dims.size;

  const location = (l: unknown): boolean =>
    isPlainObject(l) && keysAmong(l, LOCATION_KEYS) && int(l.latE6, -90_000_000, 90_000_000) && int(l.lonE6, -180_000_000, 180_000_000) && int(l.accuracyM, 0);

  /** The body, given the longest durationMs that createdAt and sealedAt allow. */
  const body = (b: unknown, maxDurationMs: number): boolean => {
    if (!isPlainObject(b) || !keysAmong(b, BODY_KEYS)) return false;
    if (!matches(b.unitId, ID) || !units.has(b.unitId)) return false;
    if (!matches(b.raterGroup, ID) || !groups.has(b.raterGroup)) return false;
    if (!CHANNEL_SET.has(b.channel)) return false;
    if (typeof b.overall !== 'string' || !levels.has(b.overall) || b.overall.length === 0) return false;
    if (!int(b.durationMs, 0, maxDurationMs)) return false;
    // Every dimension rated, with known dimensions and levels only.
    const ratings = b.ratings;
    if (!isPlainObject(ratings)) return false;
    let rated = 0;
    for (const dim in ratings) {
      const level = ratings[dim];
      if (!dims.has(dim) || typeof level !== 'string' || !levels.has(level)) return false;
      rated++;
    }
    if (rated !== dimCount) return false;
    // Optional fields: zod reads them as `b[key]` and lets undefined (absent) pass.
    if (b.checks !== undefined) {
      const c = b.checks;
      if (!isPlainObject(c)) return false;
      for (const id in c) if (!checks.has(id) || typeof c[id] !== 'boolean') return false;
    }
    if (b.comment !== undefined && !stringOk(b.comment, TEXT_MAX)) return false;
    if (b.respondent !== undefined) {
      const r = b.respondent;
      if (!isPlainObject(r) || !keysAmong(r, RESPONDENT_KEYS)) return false;
      if (r.ageBand !== undefined && !stringOk(r.ageBand, STRING_MAX)) return false;
      if (r.occupation !== undefined && !stringOk(r.occupation, STRING_MAX)) return false;
    }
    if (b.location !== undefined && !location(b.location)) return false;
    return true;
  };

  /** createdAt ≤ sealedAt ≤ receivedAt + 10 min, createdAt ≥ enrollment − 10 min: the longest durationMs, or -1. */
  const maxDuration = (createdAt: unknown, sealedAt: unknown): number => {
    const created = instantMs(createdAt);
    const sealed = instantMs(sealedAt);
    if (created === undefined || sealed === undefined) return -1;
    if (created > sealed || sealed > latestSeal || created < earliestStart) return -1;
    return sealed - created + DURATION_SLACK_MS;
  };

  return (r) => {
    if (!isPlainObject(r) || r.v !== 1 || r.type !== 'f2f' || !keysAmong(r, RECORD_KEYS_WITH_ATTACHMENTS)) return false;
    // `attachments: []` is a plain questionnaire too; any attachment takes validateRecord.
    if (r.attachments !== undefined && !(Array.isArray(r.attachments) && r.attachments.length === 0)) return false;
    const maxDurationMs = maxDuration(r.createdAt, r.sealedAt);
    return (
      maxDurationMs >= 0 &&
      matches(r.id, UUID_V7) &&
      r.campaignId === campaign.id &&
      matches(r.campaignId, ID) &&
      text(r.deviceId, 128) &&
      int(r.seq, 1) &&
      matches(r.prev, HASH) &&
      r.collector === device.collector &&
      text(r.collector, 128) &&
      body(r.body, maxDurationMs)
    );
  };
}
