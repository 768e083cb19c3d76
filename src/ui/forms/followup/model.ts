import type { Campaign } from '../../../domain/campaign';
import type { Translate } from '../../i18n';
import { str, type Body, type Missing } from '../common/body';
import type { MissingContext } from '../common/editor';
import type { FollowupKey } from './messages';

/** A new follow-up: the visit is now, the note empty until written; the item is chosen before the form opens. */
export function followupStart(now: number): Body {
  return { visitedAt: new Date(now).toISOString(), note: '' };
}

/** What a follow-up still lacks: its item (and unit), the verdict, the time of the visit. */
export function missingFollowup(_c: Campaign, b: Body, _secret: unknown, _ctx: MissingContext, t: Translate<FollowupKey>): Missing[] {
  const out: Missing[] = [];
  if (!str(b.itemId) || !str(b.unitId)) out.push({ anchor: 'item', label: t('item') });
  if (!str(b.verdict)) out.push({ anchor: 'verdict', label: t('verdict') });
  if (!str(b.visitedAt)) out.push({ anchor: 'visitedAt', label: t('visitedAt') });
  return out;
}
