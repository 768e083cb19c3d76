import type { Campaign } from '../../../domain/campaign';
import type { Translate } from '../../i18n';
import { str, strs, type Body, type Missing } from '../common/body';
import type { MissingContext } from '../common/editor';
import type { VisitKey } from './messages';

/** A new finding: the time is now, everything else asked. */
export function visitStart(now: number): Body {
  return { visitedAt: new Date(now).toISOString() };
}

/**
 * What a finding still lacks. The description is its substance, so it is required (in the
 * confidential part) unless the campaign cannot take confidential fields or this is a correction,
 * whose confidential part cannot be read back; where it was is required as place text or position.
 */
export function missingVisit(c: Campaign, b: Body, secret: Record<string, unknown> | undefined, ctx: MissingContext, t: Translate<VisitKey>): Missing[] {
  const out: Missing[] = [];
  if (!str(b.unitId)) out.push({ anchor: 'unit', label: t('unit') });
  // A covert visit is sealed only with the campaign's key (a draft made before a key was removed).
  if (!str(b.mode) || (ctx.mode === 'new' && str(b.mode) === 'covert' && !ctx.canSeal)) out.push({ anchor: 'mode', label: t('mode') });
  if (!str(b.visitedAt)) out.push({ anchor: 'visitedAt', label: t('visitedAt') });
  if (!str(b.place).trim() && !b.location) out.push({ anchor: 'place', label: t('placeOrLocation') });
  if (!strs(b.categories).length) out.push({ anchor: 'categories', label: t('categories') });
  if (!str(b.severity)) out.push({ anchor: 'severity', label: t('severity') });
  if (ctx.mode === 'new' && ctx.canSeal && !str(secret?.description).trim()) out.push({ anchor: 'description', label: t('description') });
  return out;
}

/** The confidential part: description and names, trimmed; undefined when both are empty. */
export function visitSecretToSeal(secret: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const description = str(secret?.description).trim();
  const names = str(secret?.names).trim();
  if (!description && !names) return undefined;
  return { ...(description ? { description } : {}), ...(names ? { names } : {}) };
}
