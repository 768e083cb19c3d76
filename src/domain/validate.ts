import type { z } from 'zod';
import type { Campaign } from './campaign';
import { CLOCK_SLACK_MS, DURATION_SLACK_MS, valueProblem } from './record-rules';
import { BODY_SCHEMAS, RecordSchema, type OriginalType, type PingyiRecord, type VisitBody } from './records';

/** Why a record is invalid: an RFC 6901 pointer into the record and a sentence a person can act on. */
export interface RecordProblem {
  path: string;
  message: string;
}

/** What validation needs to know about an amend/void target (stored, or earlier in the same batch). */
export interface TargetInfo {
  type: PingyiRecord['type'];
  hash: string;
  deviceId: string;
  seq: number;
  voided: boolean;
}

export type TargetLookup = (targetId: string) => TargetInfo | undefined;

/**
 * The rectification items a follow-up may name (the server's, or those the tablet fetched at its
 * last sync): the item's unit, or undefined for an item unknown here.
 */
export type ItemLookup = (itemId: string) => { unitId: string } | undefined;
const NO_ITEMS: ItemLookup = () => undefined;

/** RFC 6901 pointer from a zod issue path. */
export function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function firstIssue(err: z.ZodError, prefix: readonly PropertyKey[] = []): RecordProblem {
  const issue = err.issues[0]!;
  return { path: pointer([...prefix, ...issue.path]), message: issue.message };
}

const problem = (path: string, message: string): RecordProblem => ({ path, message });

/**
 * What only the server knows about the sending device, for the rules of PROTOCOL.md that depend on
 * it (the tablet validates without it): its enrolled collector, its enrollment time and the time
 * the batch arrived (RFC 3339 times).
 */
export interface DeviceView {
  collector: string;
  enrolledAt: string;
  receivedAt: string;
}

/**
 * Checks a record's wire shape, its values (strings, numbers, times), its body against the
 * campaign and, given `device`, against the device that sent it. Returns the first problem, or null.
 * Shared by the tablet (before sealing) and the server (before appending), so both refuse the same things.
 */
export function validateRecord(
  input: unknown,
  campaign: Campaign,
  lookupTarget: TargetLookup,
  device?: DeviceView,
  lookupItem: ItemLookup = NO_ITEMS,
): RecordProblem | null {
  const parsed = RecordSchema.safeParse(input);
  if (!parsed.success) return firstIssue(parsed.error);
  const record = parsed.data;
  const value = valueProblem(input as Record<string, unknown>);
  if (value) return problem(pointer(value.path), value.message);
  if (record.campaignId !== campaign.id) return problem('/campaignId', `unknown campaign "${record.campaignId}"`);
  const clock = clockProblem(record, device);
  if (clock) return clock;
  if (record.sealed && !campaign.encryptionKey) {
    return problem('/sealed', 'this campaign takes no confidential fields (it has no encryptionKey)');
  }
  const body =
    record.type === 'amend' || record.type === 'void'
      ? validateCorrection(record, campaign, lookupTarget, lookupItem)
      : validateBody(record.type, record.body, campaign, '/body', lookupItem);
  return body ?? visitProblem(record, campaign, lookupTarget) ?? durationProblem(record);
}

const ms = (time: string) => Date.parse(time);

/** The device's collector, and createdAt ≤ sealedAt ≤ receivedAt + 10 min, createdAt ≥ enrollment − 10 min. */
function clockProblem(record: PingyiRecord, device: DeviceView | undefined): RecordProblem | null {
  if (device && record.collector !== device.collector) {
    return problem('/collector', 'collector must be the collector this device enrolled with');
  }
  // Both are InstantSchema times (fixed width), so they compare as strings do.
  if (record.sealedAt < record.createdAt) return problem('/sealedAt', 'sealedAt is before createdAt');
  if (!device) return null;
  if (ms(record.sealedAt) > ms(device.receivedAt) + CLOCK_SLACK_MS) {
    return problem('/sealedAt', "sealedAt is more than 10 minutes after the server's time; check the tablet's clock");
  }
  if (ms(record.createdAt) < ms(device.enrolledAt) - CLOCK_SLACK_MS) {
    return problem('/createdAt', "createdAt is more than 10 minutes before this device enrolled; check the tablet's clock");
  }
  return null;
}

/** An f2f lasts no longer than from its creation to its seal (with a second of slack). */
function durationProblem(record: PingyiRecord): RecordProblem | null {
  if (record.type !== 'f2f') return null;
  const span = ms(record.sealedAt) - ms(record.createdAt);
  return (record.body.durationMs as number) > span + DURATION_SLACK_MS
    ? problem('/body/durationMs', `durationMs exceeds the ${span} ms from createdAt to sealedAt`)
    : null;
}

/**
 * A covert visit: only in a campaign with an encryptionKey, its description in `sealed`, and its
 * photos sealed. An amend whose replacement body is a covert visit follows the first and last rule.
 */
function visitProblem(record: PingyiRecord, campaign: Campaign, lookupTarget: TargetLookup): RecordProblem | null {
  const amendsVisit = record.type === 'amend' && lookupTarget(record.body.targetId as string)?.type === 'visit';
  const at = record.type === 'visit' ? '/body' : amendsVisit ? '/body/body' : null;
  const body = (record.type === 'visit' ? record.body : record.body.body) as Partial<VisitBody> | undefined;
  if (!at || body?.mode !== 'covert') return null;
  if (!campaign.encryptionKey) return problem(at + '/mode', 'this campaign has no encryptionKey, so it takes no covert visits');
  if (record.type === 'visit' && !record.sealed) return problem('/sealed', 'a covert visit carries its description in sealed');
  const open = (record.attachments ?? []).findIndex((a) => !a.sealed);
  return open >= 0 ? problem(`/attachments/${open}/sealed`, "a covert visit's photos must be sealed") : null;
}

function validateCorrection(record: PingyiRecord, campaign: Campaign, lookupTarget: TargetLookup, lookupItem: ItemLookup): RecordProblem | null {
  const schema = BODY_SCHEMAS[record.type as 'amend' | 'void'];
  const body = schema.safeParse(record.body);
  if (!body.success) return firstIssue(body.error, ['body']);
  const { targetId, targetHash } = body.data;
  const target = lookupTarget(targetId);
  if (!target) return problem('/body/targetId', `target record ${targetId} is not known before this one`);
  if (target.deviceId !== record.deviceId || target.seq >= record.seq) {
    return problem('/body/targetId', 'a correction may only target a record sealed earlier by the same device');
  }
  if (target.type === 'amend' || target.type === 'void') {
    return problem('/body/targetId', 'a correction must target an original record, not another amend or void');
  }
  if (target.hash !== targetHash) return problem('/body/targetHash', 'targetHash is not the hash of the target record');
  if (target.voided) return problem('/body/targetId', 'the target record was voided; nothing may target it');
  if (record.type === 'amend') {
    return validateBody(target.type as OriginalType, (body.data as unknown as { body: Record<string, unknown> }).body, campaign, '/body/body', lookupItem);
  }
  return null;
}

/** Checks one original body (f2f, forum, visit, stall, followup) against its schema, the campaign's ids and, for a follow-up, the items. */
export function validateBody(type: OriginalType, input: unknown, campaign: Campaign, at = '/body', lookupItem: ItemLookup = NO_ITEMS): RecordProblem | null {
  const parsed = BODY_SCHEMAS[type].safeParse(input);
  if (!parsed.success) {
    const p = firstIssue(parsed.error);
    return { path: at + p.path, message: p.message };
  }
  const units = new Set(campaign.units.map((u) => u.id));
  const dims = new Set(campaign.dimensions.map((d) => d.id));
  const groups = new Set(campaign.raterGroups.map((g) => g.id));
  const levels = new Set(campaign.scale.map((l) => l.key));
  const unit = (id: string | undefined, path: string) => (id !== undefined && !units.has(id) ? problem(at + path, `unknown unit "${id}"`) : null);

  switch (type) {
    case 'f2f': {
      const b = parsed.data as import('./records').F2fBody;
      const checks = new Set((campaign.checks ?? []).map((c) => c.id));
      return (
        unit(b.unitId, '/unitId') ??
        (groups.has(b.raterGroup) ? null : problem(at + '/raterGroup', `unknown rater group "${b.raterGroup}"`)) ??
        campaign.dimensions.reduce<RecordProblem | null>(
          (found, d) => found ?? (b.ratings[d.id] === undefined ? problem(`${at}/ratings/${d.id}`, `no rating for dimension "${d.label}"`) : null),
          null,
        ) ??
        Object.entries(b.ratings).reduce<RecordProblem | null>(
          (found, [dim, level]) =>
            found ??
            (!dims.has(dim)
              ? problem(`${at}/ratings/${dim}`, `unknown dimension "${dim}"`)
              : !levels.has(level)
                ? problem(`${at}/ratings/${dim}`, `unknown scale level "${level}"`)
                : null),
          null,
        ) ??
        (levels.has(b.overall) ? null : problem(at + '/overall', `unknown scale level "${b.overall}"`)) ??
        Object.keys(b.checks ?? {}).reduce<RecordProblem | null>(
          (found, id) => found ?? (checks.has(id) ? null : problem(`${at}/checks/${id}`, `unknown check "${id}"`)),
          null,
        )
      );
    }
    case 'forum': {
      const b = parsed.data as import('./records').ForumBody;
      for (const [i, id] of b.unitIds.entries()) if (!units.has(id)) return problem(`${at}/unitIds/${i}`, `unknown unit "${id}"`);
      for (const g of Object.keys(b.attendees)) if (!groups.has(g)) return problem(`${at}/attendees/${g}`, `unknown rater group "${g}"`);
      for (const [i, o] of b.opinions.entries()) {
        const bad = unit(o.unitId, `/opinions/${i}/unitId`);
        if (bad) return bad;
        if (o.dimensionId !== undefined && !dims.has(o.dimensionId)) {
          return problem(`${at}/opinions/${i}/dimensionId`, `unknown dimension "${o.dimensionId}"`);
        }
      }
      return null;
    }
    case 'visit': {
      const b = parsed.data as import('./records').VisitBody;
      const cats = new Set(campaign.findingCategories.map((c) => c.id));
      const sev = new Set(campaign.severities.map((s) => s.id));
      for (const [i, c] of b.categories.entries()) if (!cats.has(c)) return problem(`${at}/categories/${i}`, `unknown finding category "${c}"`);
      return unit(b.unitId, '/unitId') ?? (sev.has(b.severity) ? null : problem(at + '/severity', `unknown severity "${b.severity}"`));
    }
    case 'stall': {
      const b = parsed.data as import('./records').StallBody;
      for (const [i, id] of b.unitIds.entries()) if (!units.has(id)) return problem(`${at}/unitIds/${i}`, `unknown unit "${id}"`);
      for (const [i, c] of b.complaints.entries()) {
        const bad = unit(c.unitId, `/complaints/${i}/unitId`);
        if (bad) return bad;
      }
      if (b.closedAt < b.openedAt) return problem(at + '/closedAt', 'the stall closed before it opened');
      return null;
    }
    case 'followup': {
      const b = parsed.data as import('./records').FollowupBody;
      const bad = unit(b.unitId, '/unitId');
      if (bad) return bad;
      const item = lookupItem(b.itemId);
      if (!item) return problem(at + '/itemId', `unknown rectification item "${b.itemId}"`);
      if (item.unitId !== b.unitId) return problem(at + '/unitId', `rectification item "${b.itemId}" is for unit "${item.unitId}", not "${b.unitId}"`);
      return null;
    }
  }
}
