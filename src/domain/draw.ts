import { z } from 'zod';
import { hSync } from '../protocol/canon';
import { IdSchema } from './campaign';
import type { RosterStatus } from './roster';

/**
 * The draw (随机抽取, PROTOCOL.md "Representatives"): reproducible by anyone with the roster and
 * the seed. For each group, its people with status `approved` are ordered by the lowercase hex
 * string H({"seed": seed, "personId": id}) ascending (ties by id) and the first n are picked, in
 * that order. H is SHA-256 of the RFC 8785 canonical JSON, so the key of person `p-001` under
 * seed `00ff00ff00ff00ff` is the SHA-256 of the bytes `{"personId":"p-001","seed":"00ff00ff00ff00ff"}`.
 */

/** A seed: lowercase hex, 16–128 characters (a log root is 64). */
export const DrawSeedSchema = z.string().regex(/^(?:[0-9a-f]{2}){8,64}$/, 'a seed is 16–128 lowercase hex characters (an even number)');

/** How many to draw per rater group (at most the roster's size). */
export const StrataSchema = z.record(IdSchema, z.number().int().min(0).max(5000)).refine((s) => Object.keys(s).length <= 100, 'at most 100 groups');

export const DrawRequestSchema = z.strictObject({ seed: DrawSeedSchema, strata: StrataSchema });
export type DrawRequest = z.infer<typeof DrawRequestSchema>;

/** What the draw reads of a person. */
export interface DrawCandidate {
  id: string;
  group: string;
  status: RosterStatus;
}

/** The draw's ordering key of one person: H({"seed": seed, "personId": id}). */
export function drawKey(seed: string, personId: string): string {
  return hSync({ seed, personId });
}

const byKeyThenId = (a: { key: string; id: string }, b: { key: string; id: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Every approved person of `group` in draw order, with their keys (what the notary's sheet lists). */
export function drawOrder(people: Iterable<DrawCandidate>, seed: string, group: string): { id: string; key: string }[] {
  const out: { id: string; key: string }[] = [];
  for (const p of people) if (p.group === group && p.status === 'approved') out.push({ id: p.id, key: drawKey(seed, p.id) });
  return out.sort(byKeyThenId);
}

/**
 * The picks of a draw: for each group of `strata`, the first n of its draw order (fewer when it
 * has fewer approved people; `drawShortfalls` names those groups). Pure: same inputs, same picks.
 */
export function drawPicks(people: readonly DrawCandidate[], seed: string, strata: Record<string, number>): Record<string, string[]> {
  const picked: Record<string, string[]> = {};
  for (const group of Object.keys(strata).sort()) {
    picked[group] = drawOrder(people, seed, group)
      .slice(0, strata[group])
      .map((p) => p.id);
  }
  return picked;
}

/** The groups whose approved people are fewer than asked: group → how many there are. */
export function drawShortfalls(people: readonly DrawCandidate[], strata: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [group, n] of Object.entries(strata)) {
    const have = people.filter((p) => p.group === group && p.status === 'approved').length;
    if (have < n) out[group] = have;
  }
  return out;
}

/** H of what a draw reads of the roster (approved people's id and group, by id): names the roster a draw used. */
export function drawRosterHash(people: readonly DrawCandidate[]): string {
  const approved = people
    .filter((p) => p.status === 'approved')
    .map((p) => ({ id: p.id, group: p.group }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hSync(approved);
}
