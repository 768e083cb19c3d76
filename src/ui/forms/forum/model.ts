import type { Campaign } from '../../../domain/campaign';
import type { Translate } from '../../i18n';
import { str, strs, type Body, type Missing } from '../common/body';
import type { ForumKey } from './messages';

export const OPINION_KINDS = ['opinion', 'suggestion', 'complaint', 'praise'] as const;
export type Opinion = { kind: string; text: string; unitId?: string; dimensionId?: string };

/** A new forum: held now, nobody counted yet, no opinion yet. */
export function forumStart(now: number): Body {
  return { heldAt: new Date(now).toISOString(), attendees: {}, opinions: [] };
}

export function opinionsOf(b: Body): Opinion[] {
  return Array.isArray(b.opinions) ? (b.opinions as Opinion[]) : [];
}

/** What a forum record still lacks; each opinion without text is named by its number. */
export function missingForum(_c: Campaign, b: Body, _s: unknown, _ctx: unknown, t: Translate<ForumKey>): Missing[] {
  const out: Missing[] = [];
  if (!strs(b.unitIds).length) out.push({ anchor: 'units', label: t('units') });
  if (!str(b.title).trim()) out.push({ anchor: 'title', label: t('titleField') });
  if (!str(b.heldAt)) out.push({ anchor: 'heldAt', label: t('heldAt') });
  if (!str(b.place).trim()) out.push({ anchor: 'place', label: t('place') });
  opinionsOf(b).forEach((o, i) => {
    if (!str(o.text).trim()) out.push({ anchor: `opinion-${i}`, label: t('opinionText', { n: i + 1 }) });
  });
  return out;
}

/**
 * Units removed from the forum are also cleared from its opinions, so that no opinion names a
 * unit that was not there.
 */
export function withUnits(b: Body, unitIds: string[]): Body {
  const opinions = opinionsOf(b).map((o) => {
    if (o.unitId === undefined || unitIds.includes(o.unitId)) return o;
    const { unitId: _drop, ...rest } = o;
    return rest;
  });
  const next: Body = { ...b, opinions };
  if (unitIds.length) next.unitIds = unitIds;
  else delete next.unitIds;
  return next;
}
