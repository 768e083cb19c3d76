import { z } from 'zod';
import { IdSchema, type Campaign } from './campaign';
import { SealedSchema } from './records';

/**
 * The roster (代表库 / 评议员信息库, DOMAIN.md "Representatives"): the people a campaign may send
 * out as representatives, with their rater group, where they come from, who recommended them and
 * their status. PROTOCOL.md "Representatives" is the wire shape.
 */
export const ROSTER_STATUSES = ['candidate', 'approved', 'appointed', 'disqualified'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

/** How many people one roster may hold: a county's whole 评议员信息库 with room to spare. */
export const MAX_ROSTER_PEOPLE = 5000;

/**
 * A person id: letters, digits, `-` and `_` (1–64), like every other id. Keeping ids to ASCII
 * makes "ties by id" the same order whether compared as UTF-16 units, code points or bytes.
 */
export const PersonIdSchema = IdSchema;

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'no control characters (line breaks, tabs)');

export const RosterPersonSchema = z
  .strictObject({
    id: PersonIdSchema,
    name: Text(100),
    /** The rater group (评议主体) id of the campaign. */
    group: IdSchema,
    /** Where they come from: 党代表, 人大代表, 政协委员, 特邀监察员, 企业, 社区 … */
    source: Text(100),
    recommendedBy: Text(200).optional(),
    status: z.enum(ROSTER_STATUSES),
    /** Why they were disqualified (required then) or any note on the status. */
    reason: Text(2000).optional(),
    /** Contact (phone, address), HPKE-sealed to the campaign key by the console (contactInfo). */
    contact: SealedSchema.optional(),
    /** The units this person covers (联系单位): assignments, for the coordinator's progress view. */
    units: z.array(IdSchema).max(500).optional(),
  })
  .refine((p) => p.status !== 'disqualified' || p.reason !== undefined, { message: 'a disqualified person needs a reason', path: ['reason'] });
export type RosterPerson = z.infer<typeof RosterPersonSchema>;

export const RosterSchema = z.strictObject({
  people: z
    .array(RosterPersonSchema)
    .max(MAX_ROSTER_PEOPLE, `a roster holds at most ${MAX_ROSTER_PEOPLE} people`)
    .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'person ids must be unique'),
});
export type Roster = z.infer<typeof RosterSchema>;

/** A problem of a roster against its campaign: where (a JSON pointer) and what. */
export interface RosterProblem {
  path: string;
  message: string;
}

/** The roster's references to the campaign that do not hold: unknown rater groups and units. */
export function rosterProblems(roster: Roster, campaign: Pick<Campaign, 'raterGroups' | 'units'>): RosterProblem[] {
  const groups = new Set(campaign.raterGroups.map((g) => g.id));
  const units = new Set(campaign.units.map((u) => u.id));
  const out: RosterProblem[] = [];
  roster.people.forEach((p, i) => {
    if (!groups.has(p.group)) out.push({ path: `/people/${i}/group`, message: `"${p.group}" is not a rater group of the campaign` });
    (p.units ?? []).forEach((u, j) => {
      if (!units.has(u)) out.push({ path: `/people/${i}/units/${j}`, message: `"${u}" is not a unit of the campaign` });
    });
  });
  return out;
}

/**
 * What an office action logs of a person: everything but the contact (its ciphertext stays in the
 * store; the log says only whether there is one), enough for a notary to rebuild the roster a draw
 * was made from.
 */
export type LoggedPerson = Omit<RosterPerson, 'contact'> & { hasContact?: true };

export function loggedPerson(p: RosterPerson): LoggedPerson {
  const { contact, ...rest } = p;
  return contact ? { ...rest, hasContact: true } : rest;
}

/** The change from one roster to the next: people added or changed (as logged) and ids removed. */
export interface RosterChange {
  changed: LoggedPerson[];
  removed: string[];
}

const sameLogged = (a: RosterPerson, b: RosterPerson) => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
function sortedKeys(x: object): [string, unknown][] {
  return Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The change that turns `before` into `after` (people in `after`'s order; removed ids sorted). */
export function rosterChange(before: readonly RosterPerson[], after: readonly RosterPerson[]): RosterChange {
  const old = new Map(before.map((p) => [p.id, p]));
  const kept = new Set(after.map((p) => p.id));
  return {
    changed: after.filter((p) => !old.has(p.id) || !sameLogged(old.get(p.id)!, p)).map(loggedPerson),
    removed: before
      .filter((p) => !kept.has(p.id))
      .map((p) => p.id)
      .sort(),
  };
}

/** Applies a logged change to a replayed roster (id → person), as a verifier does. */
export function applyRosterChange(roster: Map<string, LoggedPerson>, change: RosterChange): void {
  for (const id of change.removed) roster.delete(id);
  for (const p of change.changed) roster.set(p.id, p);
}
