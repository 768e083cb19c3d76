import { canonString } from '../protocol/canon';
import type { Campaign } from './campaign';
import { campaignLimits } from './review';

/**
 * One difference between two versions of a campaign definition, as data: the server's guards, the
 * tablet's 活动已更新 notice and the console's 版本 list put it into words each in their own way.
 */
export type CampaignChange =
  | { kind: 'unit-added' | 'unit-removed' | 'unit-retired' | 'unit-restored'; id: string; name: string }
  | { kind: 'unit-renamed'; id: string; from: string; to: string }
  | { kind: 'unit-category'; id: string; name: string; from: string; to: string }
  | { kind: 'dimension-added' | 'dimension-removed' | 'dimension-changed'; id: string; label: string }
  /** A scale level's score (null: 不了解, not counted; undefined: the level is not in that version). */
  | { kind: 'scale-score'; key: string; label: string; from: number | null | undefined; to: number | null | undefined }
  /** A rater group's weight (undefined: the group is not in that version). */
  | { kind: 'weight'; id: string; label: string; from: number | undefined; to: number | undefined }
  | { kind: 'components' | 'limits' | 'scale-labels' | 'group-labels' }
  | { kind: 'field'; field: CampaignField };

export type CampaignField =
  | 'name'
  | 'year'
  | 'issuer'
  | 'stages'
  | 'checks'
  | 'findingCategories'
  | 'severities'
  | 'encryptionKey'
  | 'bonus'
  | 'minSamplePerGroup'
  | 'minSampleToRank'
  | 'rankWithin'
  | 'previous'
  | 'componentLabels'
  | 'order';

/** The kinds of change that re-score units once questionnaires arrived (PROTOCOL.md "Campaign versions"). */
export const RESCORE_KINDS: ReadonlySet<CampaignChange['kind']> = new Set(['scale-score', 'weight', 'components', 'limits']);

export const isRescore = (c: CampaignChange): boolean => RESCORE_KINDS.has(c.kind);

const same = (a: unknown, b: unknown) => canonString(a ?? null) === canonString(b ?? null);
const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));

/** Components with every label left out: what the score depends on. */
function componentsForScore(c: Campaign) {
  return c.scoring.components.map((k) => ({
    id: k.id,
    max: k.max,
    parts: k.parts.map((p) => (p.from === 'manual' ? { from: p.from, id: p.id, weight: p.weight } : p)),
  }));
}

function unitChanges(a: Campaign, b: Campaign, out: CampaignChange[]): void {
  const before = byId(a.units);
  const after = byId(b.units);
  for (const u of b.units) {
    const old = before.get(u.id);
    if (!old) out.push({ kind: 'unit-added', id: u.id, name: u.name });
    else {
      if (old.name !== u.name) out.push({ kind: 'unit-renamed', id: u.id, from: old.name, to: u.name });
      if (old.category !== u.category) out.push({ kind: 'unit-category', id: u.id, name: u.name, from: old.category, to: u.category });
      if (!old.retired && u.retired) out.push({ kind: 'unit-retired', id: u.id, name: u.name });
      if (old.retired && !u.retired) out.push({ kind: 'unit-restored', id: u.id, name: u.name });
    }
  }
  for (const u of a.units) if (!after.has(u.id)) out.push({ kind: 'unit-removed', id: u.id, name: u.name });
}

function dimensionChanges(a: Campaign, b: Campaign, out: CampaignChange[]): void {
  const before = byId(a.dimensions);
  const after = byId(b.dimensions);
  for (const d of b.dimensions) {
    const old = before.get(d.id);
    if (!old) out.push({ kind: 'dimension-added', id: d.id, label: d.label });
    else if (old.label !== d.label || old.hint !== d.hint) out.push({ kind: 'dimension-changed', id: d.id, label: d.label });
  }
  for (const d of a.dimensions) if (!after.has(d.id)) out.push({ kind: 'dimension-removed', id: d.id, label: d.label });
}

function scaleChanges(a: Campaign, b: Campaign, out: CampaignChange[]): void {
  const before = new Map(a.scale.map((l) => [l.key, l]));
  const after = new Map(b.scale.map((l) => [l.key, l]));
  let labels = false;
  for (const l of a.scale) {
    const now = after.get(l.key);
    // A level dropped or re-scored changes what the answers already given count for.
    if (!now || now.score !== l.score) out.push({ kind: 'scale-score', key: l.key, label: (now ?? l).label, from: l.score, to: now ? now.score : undefined });
    if (now && now.label !== l.label) labels = true;
  }
  for (const l of b.scale) if (!before.has(l.key)) labels = true;
  if (
    labels ||
    (!same(
      a.scale.map((l) => l.key),
      b.scale.map((l) => l.key),
    ) &&
      out.every((c) => c.kind !== 'scale-score'))
  )
    out.push({ kind: 'scale-labels' });
}

function groupChanges(a: Campaign, b: Campaign, out: CampaignChange[]): void {
  const before = byId(a.raterGroups);
  const after = byId(b.raterGroups);
  let labels = false;
  for (const g of b.raterGroups) {
    const old = before.get(g.id);
    if (!old || old.weight !== g.weight) out.push({ kind: 'weight', id: g.id, label: g.label, from: old?.weight, to: g.weight });
    if (old && old.label !== g.label) labels = true;
  }
  for (const g of a.raterGroups) if (!after.has(g.id)) out.push({ kind: 'weight', id: g.id, label: g.label, from: g.weight, to: undefined });
  if (labels) out.push({ kind: 'group-labels' });
}

const FIELDS: readonly (CampaignField & keyof Campaign)[] = [
  'name',
  'year',
  'issuer',
  'stages',
  'checks',
  'findingCategories',
  'severities',
  'encryptionKey',
  'minSamplePerGroup',
  'minSampleToRank',
  'previous',
];

/**
 * What changed from version `a` to version `b`, in the order units, dimensions, scale, rater
 * groups, scoring, other fields. Empty when the two define the same campaign (the version number
 * aside).
 */
export function campaignChanges(a: Campaign, b: Campaign): CampaignChange[] {
  const out: CampaignChange[] = [];
  unitChanges(a, b, out);
  dimensionChanges(a, b, out);
  scaleChanges(a, b, out);
  groupChanges(a, b, out);
  if (!same(componentsForScore(a), componentsForScore(b))) out.push({ kind: 'components' });
  else if (!same(a.scoring.components, b.scoring.components)) out.push({ kind: 'field', field: 'componentLabels' });
  // Compared as in force: no `limits` (the defaults) differs from `null` (both off), `{}` does not.
  if (!same(campaignLimits(a), campaignLimits(b))) out.push({ kind: 'limits' });
  if (!same(a.scoring.bonus, b.scoring.bonus)) out.push({ kind: 'field', field: 'bonus' });
  if (a.scoring.rankWithin !== b.scoring.rankWithin) out.push({ kind: 'field', field: 'rankWithin' });
  for (const f of FIELDS) if (!same(a[f], b[f])) out.push({ kind: 'field', field: f });
  if (out.length === 0 && !sameDefinition(a, b)) out.push({ kind: 'field', field: 'order' });
  return out;
}

/** The definition without its version number: two versions that differ only there are the same. */
export function withoutVersion(c: Campaign): Campaign {
  const { version: _v, ...rest } = c;
  return rest as Campaign;
}

/** Both define the same campaign (canonical forms equal, version numbers aside). */
export function sameDefinition(a: Campaign, b: Campaign): boolean {
  return same(withoutVersion(a), withoutVersion(b));
}
