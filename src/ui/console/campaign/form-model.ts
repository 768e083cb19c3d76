import { CampaignSchema, IdSchema, type Campaign } from '../../../domain/campaign';
import type { EditorKey } from './editor-messages';

/**
 * The campaign definition as the 编辑活动 form holds it: every figure as the text typed (a weight
 * in per cent), lists with a stable row key, the yes/no questions under their dimension. The form
 * edits what the office edits; everything else of the definition (names in other languages, the
 * inspection lists, the encryption key, `ui`) is carried over from the version it started from.
 */
export interface CampaignForm {
  name: string;
  year: string;
  issuer: string;
  stages: { k: string; id: string; label: string; from: string; to: string }[];
  units: { k: string; id: string; name: string; category: string; retired: boolean }[];
  dimensions: { k: string; id: string; label: string; hint: string; checks: CheckRow[] }[];
  /** Yes/no questions under no dimension (asked after the overall rating). */
  checks: CheckRow[];
  /** `score` empty: 不了解 (recorded, not counted). */
  scale: { k: string; key: string; label: string; score: string }[];
  /** `weight` in per cent (`kept`: the stored weight while its per cent is left as shown). */
  groups: { k: string; id: string; label: string; weight: string; kept?: Kept }[];
  components: { k: string; id: string; label: string; max: string; parts: PartRow[] }[];
  bonus: { on: boolean; label: string; component: string; byRank: string };
  limits: { perDay: LimitMode; perDayN: string; burst: LimitMode; burstCount: string; burstMinutes: string };
  minSamplePerGroup: string;
  minSampleToRank: string;
  rankWithin: boolean;
  previous: string;
  /** The public key confidential fields are encrypted to (made in 加密密钥). */
  encryptionKey: Campaign['encryptionKey'];
}

export type CheckRow = { k: string; id: string; label: string };
/** `weight`: the part's share of its component, in per cent. */
export type PartRow = { k: string; from: 'survey' | 'manual'; id: string; label: string; weight: string; kept?: Kept };
/**
 * A stored weight and the per cent the form showed for it: saved back as it was while the per cent
 * is untouched, so that opening and saving never re-scores (1 : 1 stays 1 : 1, a third stays exact).
 */
export type Kept = { shown: string; weight: number };
/** A limit: the default (no key), off (`null`) or a figure. */
export type LimitMode = 'default' | 'off' | 'set';

let serial = 0;
/** A fresh row key (rows keep their key while their id is retyped). */
export const rowKey = () => `r${++serial}`;

/** A figure as the form shows it: at most 4 decimals, no trailing zeros (0.3 × 100 shows 30). */
const num = (x: number) => String(Number(x.toFixed(4)));
const pct = (x: number, total = 1) => num((x / total) * 100);

export function formFromCampaign(c: Campaign): CampaignForm {
  const dimIds = new Set(c.dimensions.map((d) => d.id));
  const check = (x: { id: string; label: string }): CheckRow => ({ k: rowKey(), id: x.id, label: x.label });
  const limits = c.limits;
  const perDay = limits === null ? null : limits?.maxPerDevicePerDay;
  const burst = limits === null ? null : limits?.burst;
  return {
    name: c.name,
    year: String(c.year),
    issuer: c.issuer,
    stages: (c.stages ?? []).map((s) => ({ k: rowKey(), ...s })),
    units: c.units.map((u) => ({ k: rowKey(), id: u.id, name: u.name, category: u.category, retired: !!u.retired })),
    dimensions: c.dimensions.map((d) => ({
      k: rowKey(),
      id: d.id,
      label: d.label,
      hint: d.hint,
      checks: (c.checks ?? []).filter((x) => x.dimension === d.id).map(check),
    })),
    checks: (c.checks ?? []).filter((x) => x.dimension === undefined || !dimIds.has(x.dimension)).map(check),
    scale: c.scale.map((l) => ({ k: rowKey(), key: l.key, label: l.label, score: l.score === null ? '' : String(l.score) })),
    groups: c.raterGroups.map((g) => ({ k: rowKey(), id: g.id, label: g.label, weight: pct(g.weight), kept: { shown: pct(g.weight), weight: g.weight } })),
    components: c.scoring.components.map((k) => {
      const total = k.parts.reduce((s, p) => s + p.weight, 0);
      return {
        k: rowKey(),
        id: k.id,
        label: k.label,
        max: String(k.max),
        parts: k.parts.map((p) =>
          p.from === 'manual'
            ? {
                k: rowKey(),
                from: p.from,
                id: p.id,
                label: p.label ?? '',
                weight: pct(p.weight, total),
                kept: { shown: pct(p.weight, total), weight: p.weight },
              }
            : { k: rowKey(), from: p.from, id: '', label: '', weight: pct(p.weight, total), kept: { shown: pct(p.weight, total), weight: p.weight } },
        ),
      };
    }),
    bonus: c.scoring.bonus
      ? { on: true, label: c.scoring.bonus.label, component: c.scoring.bonus.component, byRank: c.scoring.bonus.byRank.join('、') }
      : { on: false, label: '专项治理加分', component: c.scoring.components[0]?.id ?? '', byRank: '0.5、0.4、0.3' },
    limits: {
      perDay: perDay === undefined ? 'default' : perDay === null ? 'off' : 'set',
      perDayN: typeof perDay === 'number' ? String(perDay) : '200',
      burst: burst === undefined ? 'default' : burst === null ? 'off' : 'set',
      burstCount: String(burst?.count ?? 10),
      burstMinutes: String(burst?.minutes ?? 5),
    },
    minSamplePerGroup: String(c.minSamplePerGroup),
    minSampleToRank: c.minSampleToRank === undefined ? '' : String(c.minSampleToRank),
    rankWithin: c.scoring.rankWithin === 'category',
    previous: c.previous ?? '',
    encryptionKey: c.encryptionKey,
  };
}

/** A problem found in the form: the message key and its values, by the field's path (`units.r12.name`). */
export type Problems = Record<string, { key: EditorKey; vars?: Record<string, string | number> }>;

export interface FormCheck {
  problems: Problems;
  /** The definition the form makes, when it has no problem (checked with the server's schema). */
  campaign: Campaign | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
/** A number typed in the form (full-width digits and a comma decimal taken as Excel users type them). */
export function parseNumber(s: string): number | null {
  const t = s
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace('．', '.')
    .replace(/%$/, '')
    .trim();
  if (t === '' || !/^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t.replace(',', '.'));
}
const SUM_EPS = 1e-6;

/**
 * A part's weight: its per cent as a share; the stored weights as they were while every part of
 * the component shows its per cent untouched (weights are relative within a component).
 */
function partWeight(p: PartRow, parts: PartRow[]): number {
  return parts.every((x) => x.kept && x.kept.shown === x.weight) ? p.kept!.weight : parseNumber(p.weight)! / 100;
}

/**
 * Checks the form field by field (the office's words, next to each field) and, when nothing is
 * wrong, builds the definition and checks it with the server's own schema. `base` is the version
 * the form started from (what the form does not edit is taken from it); `id` is the campaign's.
 */
export function checkForm(f: CampaignForm, base: Campaign): FormCheck {
  const problems: Problems = {};
  const put = (path: string, key: EditorKey, vars?: Record<string, string | number>) => {
    problems[path] ??= { key, ...(vars ? { vars } : {}) };
  };
  const text = (path: string, v: string, max = 200) => {
    if (v.trim() === '') put(path, 'required');
    else if (v.length > max) put(path, 'tooLong', { max });
  };
  const ids = (rows: { k: string; id: string }[], list: string, field = 'id', taken = new Set<string>()) => {
    for (const r of rows) {
      const path = `${list}.${r.k}.${field}`;
      if (!IdSchema.safeParse(r.id).success) put(path, r.id === '' ? 'required' : 'badId');
      else if (taken.has(r.id)) put(path, 'dupId', { id: r.id });
      taken.add(r.id);
    }
  };
  const int = (path: string, v: string, min: number, max: number, optional = false): number | undefined => {
    if (optional && v.trim() === '') return undefined;
    const n = parseNumber(v);
    if (n === null || !Number.isInteger(n) || n < min || n > max) {
      put(path, 'intRange', { min, max });
      return undefined;
    }
    return n;
  };

  text('name', f.name);
  const year = int('year', f.year, 2000, 2100);
  text('issuer', f.issuer);

  ids(f.stages, 'stages');
  for (const s of f.stages) {
    text(`stages.${s.k}.label`, s.label);
    if (!isDate(s.from)) put(`stages.${s.k}.from`, 'badDate');
    if (!isDate(s.to)) put(`stages.${s.k}.to`, 'badDate');
    else if (isDate(s.from) && s.to < s.from) put(`stages.${s.k}.to`, 'toBeforeFrom');
  }

  if (f.units.length === 0) put('units', 'needOne');
  ids(f.units, 'units');
  for (const u of f.units) {
    text(`units.${u.k}.name`, u.name);
    if (u.category.length > 200) put(`units.${u.k}.category`, 'tooLong', { max: 200 });
  }

  if (f.dimensions.length === 0) put('dimensions', 'needOne');
  ids(f.dimensions, 'dimensions');
  const checkIds = new Set<string>();
  for (const d of f.dimensions) {
    text(`dimensions.${d.k}.label`, d.label);
    if (d.hint.length > 2000) put(`dimensions.${d.k}.hint`, 'tooLong', { max: 2000 });
    ids(d.checks, 'checks', 'id', checkIds);
    for (const c of d.checks) text(`checks.${c.k}.label`, c.label);
  }
  ids(f.checks, 'checks', 'id', checkIds);
  for (const c of f.checks) text(`checks.${c.k}.label`, c.label);

  if (f.scale.length < 2) put('scale', 'needTwoLevels');
  ids(
    f.scale.map((l) => ({ k: l.k, id: l.key })),
    'scale',
    'key',
  );
  const scores = f.scale.map((l) => {
    text(`scale.${l.k}.label`, l.label);
    if (l.score.trim() === '') return null;
    const n = parseNumber(l.score);
    if (n === null || n < 0 || n > 100) {
      put(`scale.${l.k}.score`, 'scoreRange');
      return undefined;
    }
    return n;
  });
  if (f.scale.length >= 2 && scores.every((s) => s === null)) put('scale', 'needCounted');

  if (f.groups.length === 0) put('groups', 'needOne');
  ids(f.groups, 'groups');
  let groupSum = 0;
  const weights = f.groups.map((g) => {
    text(`groups.${g.k}.label`, g.label);
    const n = parseNumber(g.weight);
    if (n === null || n < 0 || n > 100) {
      put(`groups.${g.k}.weight`, 'pctRange');
      return undefined;
    }
    const w = g.kept && g.kept.shown === g.weight ? g.kept.weight : n / 100;
    groupSum += w * 100;
    return w;
  });
  if (f.groups.length > 0 && weights.every((w) => w !== undefined) && Math.abs(groupSum - 100) > SUM_EPS) put('groups', 'groupSum', { sum: num(groupSum) });

  if (f.components.length === 0) put('components', 'needOne');
  ids(f.components, 'components');
  const manualIds = new Set<string>();
  let maxSum = 0;
  let maxOk = true;
  for (const k of f.components) {
    text(`components.${k.k}.label`, k.label);
    const max = parseNumber(k.max);
    if (max === null || max <= 0 || max > 100) {
      put(`components.${k.k}.max`, 'maxRange');
      maxOk = false;
    } else maxSum += max;
    if (k.parts.length === 0) put(`components.${k.k}.parts`, 'needPart');
    if (k.parts.filter((p) => p.from === 'survey').length > 1) put(`components.${k.k}.parts`, 'oneSurvey');
    ids(
      k.parts.filter((p) => p.from === 'manual'),
      'parts',
      'id',
      manualIds,
    );
    let partSum = 0;
    let partsOk = true;
    for (const p of k.parts) {
      if (p.from === 'manual' && p.label.length > 200) put(`parts.${p.k}.label`, 'tooLong', { max: 200 });
      const w = parseNumber(p.weight);
      if (w === null || w <= 0 || w > 100) {
        put(`parts.${p.k}.weight`, 'shareRange');
        partsOk = false;
      } else partSum += w;
    }
    if (k.parts.length > 0 && partsOk && Math.abs(partSum - 100) > SUM_EPS) put(`components.${k.k}.parts`, 'partSum', { sum: num(partSum) });
  }
  if (f.components.length > 0 && maxOk && Math.abs(maxSum - 100) > SUM_EPS) put('components', 'maxSum', { sum: num(maxSum) });

  let byRank: number[] = [];
  if (f.bonus.on) {
    text('bonus.label', f.bonus.label);
    if (!f.components.some((k) => k.id === f.bonus.component)) put('bonus.component', 'bonusComponentBad');
    const parts = f.bonus.byRank.split(/[、,，;；\s]+/).filter(Boolean);
    byRank = parts.map((x) => parseNumber(x) ?? NaN);
    if (byRank.length === 0 || byRank.some((x) => !Number.isFinite(x) || x < 0)) put('bonus.byRank', 'byRankBad');
  }

  const limitOf = (mode: LimitMode, make: () => unknown) => (mode === 'default' ? undefined : mode === 'off' ? null : make());
  const perDay = limitOf(f.limits.perDay, () => int('limits.perDayN', f.limits.perDayN, 1, 100_000));
  const burst = limitOf(f.limits.burst, () => {
    const count = int('limits.burstCount', f.limits.burstCount, 2, 10_000);
    const minutes = int('limits.burstMinutes', f.limits.burstMinutes, 1, 1440);
    return { count, minutes };
  });

  const minSamplePerGroup = int('minSamplePerGroup', f.minSamplePerGroup, 0, 100_000);
  const minSampleToRank = int('minSampleToRank', f.minSampleToRank, 0, 100_000, true);
  const previous = f.previous.trim();
  if (previous !== '' && !IdSchema.safeParse(previous).success) put('previous', 'badId');
  else if (previous === base.id) put('previous', 'notSelf');

  if (Object.keys(problems).length > 0) return { problems, campaign: null };

  // Names in other languages and hints in them stay with the item of the same id.
  const labelsOf = <T extends { labels?: unknown }>(list: readonly T[] | undefined, id: (x: T) => string, want: string) => {
    const found = list?.find((x) => id(x) === want);
    return found?.labels ? { labels: found.labels } : {};
  };
  const baseChecks = base.checks ?? [];
  const checks = [
    ...f.dimensions.flatMap((d) => d.checks.map((c) => ({ id: c.id, label: c.label.trim(), ...labelsOf(baseChecks, (x) => x.id, c.id), dimension: d.id }))),
    ...f.checks.map((c) => ({ id: c.id, label: c.label.trim(), ...labelsOf(baseChecks, (x) => x.id, c.id) })),
  ];
  // In the order they had (new ones last), so regrouping alone never reorders the questionnaire.
  const pos = new Map(baseChecks.map((c, i) => [c.id, i]));
  checks.sort((a, b) => (pos.get(a.id) ?? Infinity) - (pos.get(b.id) ?? Infinity));
  const { version: _v, limits: _l, minSampleToRank: _m, previous: _p, checks: _c, stages: _s, ...kept } = base;
  const draft = {
    ...kept,
    name: f.name.trim(),
    year,
    issuer: f.issuer.trim(),
    units: f.units.map((u) => ({
      id: u.id,
      name: u.name.trim(),
      category: u.category.trim(),
      ...(u.retired ? { retired: true } : {}),
      ...labelsOf(base.units, (x) => x.id, u.id),
    })),
    dimensions: f.dimensions.map((d) => {
      const old = base.dimensions.find((x) => x.id === d.id);
      return { id: d.id, label: d.label.trim(), hint: d.hint, ...(old?.labels ? { labels: old.labels } : {}), ...(old?.hints ? { hints: old.hints } : {}) };
    }),
    scale: f.scale.map((l, i) => ({ key: l.key, label: l.label.trim(), score: scores[i] ?? null, ...labelsOf(base.scale, (x) => x.key, l.key) })),
    raterGroups: f.groups.map((g, i) => ({ id: g.id, label: g.label.trim(), weight: weights[i]!, ...labelsOf(base.raterGroups, (x) => x.id, g.id) })),
    ...(checks.length > 0 || base.checks ? { checks } : {}),
    minSamplePerGroup,
    encryptionKey: f.encryptionKey,
    ...(minSampleToRank !== undefined ? { minSampleToRank } : {}),
    ...(previous !== '' ? { previous } : {}),
    scoring: {
      components: f.components.map((k) => ({
        id: k.id,
        label: k.label.trim(),
        max: parseNumber(k.max)!,
        parts: k.parts.map((p) =>
          p.from === 'manual'
            ? { from: 'manual' as const, id: p.id, ...(p.label.trim() ? { label: p.label.trim() } : {}), weight: partWeight(p, k.parts) }
            : { from: 'survey' as const, weight: partWeight(p, k.parts) },
        ),
      })),
      ...(f.bonus.on ? { bonus: { label: f.bonus.label.trim(), byRank, component: f.bonus.component } } : {}),
      ...(f.rankWithin ? { rankWithin: 'category' as const } : {}),
    },
    ...(f.stages.length > 0 || base.stages ? { stages: f.stages.map(({ k: _k, ...s }) => s) } : {}),
    ...(perDay === null && burst === null
      ? { limits: null }
      : perDay !== undefined || burst !== undefined
        ? { limits: { ...(perDay !== undefined ? { maxPerDevicePerDay: perDay } : {}), ...(burst !== undefined ? { burst } : {}) } }
        : {}),
  };
  const parsed = CampaignSchema.safeParse(draft);
  if (!parsed.success) {
    // The form's own checks cover the schema; anything left is named as it stands.
    for (const issue of parsed.error.issues) put(`schema.${issue.path.join('.')}`, 'schema', { detail: `${issue.path.join('.')}: ${issue.message}` });
    return { problems, campaign: null };
  }
  return { problems, campaign: parsed.data };
}
