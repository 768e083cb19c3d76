import type { Campaign } from '../../../domain/campaign';
import type { Translate } from '../../i18n';
import type { ReviewItem } from '../api-types';
import type { ReviewKey } from './messages';

export interface ReviewFilter {
  collector: string;
  unitId: string;
  /** YYYY-MM-DD of sealedAt in Asia/Shanghai, or ''. */
  day: string;
}

/** The Asia/Shanghai day of a time (the day the limits count by). */
export const shanghaiDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export function applyFilter(items: ReviewItem[], f: ReviewFilter): ReviewItem[] {
  return items.filter(
    (i) => (!f.collector || i.collector === f.collector) && (!f.unitId || i.unitId === f.unitId) && (!f.day || shanghaiDay(i.sealedAt) === f.day),
  );
}

/** Questionnaires by device, each device's in seq order; devices by their first questionnaire. */
export function byDevice(items: ReviewItem[]): { deviceId: string; items: ReviewItem[] }[] {
  const groups = new Map<string, ReviewItem[]>();
  for (const i of items) {
    const g = groups.get(i.deviceId);
    if (g) g.push(i);
    else groups.set(i.deviceId, [i]);
  }
  return [...groups].map(([deviceId, list]) => ({ deviceId, items: list.sort((a, b) => a.seq - b.seq) }));
}

/** A hold reason in words, with the campaign's limits. */
export function reasonText(reason: string, campaign: Campaign, t: Translate<ReviewKey>): string {
  const limits = campaign.limits;
  switch (reason) {
    case 'daily-cap':
      return t('rDailyCap', { n: limits?.maxPerDevicePerDay ?? 200 });
    case 'burst':
      return t('rBurst', { n: limits?.burst?.count ?? 10, m: limits?.burst?.minutes ?? 5 });
    default:
      return reason;
  }
}

export const distinct = (xs: string[]): string[] => [...new Set(xs)].sort();
