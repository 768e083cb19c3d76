import type { CampaignChange } from '../domain/campaign-diff';
import type { PingyiDb } from '../store/db';

/**
 * kv key of the last campaign update taken, until the user has seen it (活动已更新). Kept apart
 * from campaign-follow.ts, which writes it, so that the home screen reads it without the sync code.
 */
export const CAMPAIGN_UPDATE = 'campaignUpdate';

/** What the tablet shows after taking a newer version of its campaign. */
export interface CampaignUpdateNotice {
  campaignId: string;
  from: number;
  to: number;
  changes: CampaignChange[];
  at: string;
  seen: boolean;
}

/** The campaign update not yet acknowledged, if any. */
export async function unseenCampaignUpdate(db: PingyiDb): Promise<CampaignUpdateNotice | undefined> {
  const v = (await db.kv.get(CAMPAIGN_UPDATE))?.value as CampaignUpdateNotice | undefined;
  return v && typeof v === 'object' && !v.seen ? v : undefined;
}

/** The user has read the notice. */
export async function markCampaignUpdateSeen(db: PingyiDb): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    const v = (await db.kv.get(CAMPAIGN_UPDATE))?.value as CampaignUpdateNotice | undefined;
    if (v) await db.kv.put({ key: CAMPAIGN_UPDATE, value: { ...v, seen: true } });
  });
}
