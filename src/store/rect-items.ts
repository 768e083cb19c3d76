import type { PingyiDb, StoredRectItem } from './db';

/** The items of a campaign kept for 回头看 (fetched at the last sync), of one unit when given, due first. */
export async function storedRectItems(db: PingyiDb, campaignId: string, unitId?: string): Promise<StoredRectItem[]> {
  const rows =
    unitId === undefined
      ? await db.rectItems.where('campaignId').equals(campaignId).toArray()
      : await db.rectItems.where('[campaignId+unitId]').equals([campaignId, unitId]).toArray();
  return rows.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
}

/** One kept item, or undefined. */
export async function storedRectItem(db: PingyiDb, campaignId: string, itemId: string): Promise<StoredRectItem | undefined> {
  const item = await db.rectItems.get(itemId);
  return item?.campaignId === campaignId ? item : undefined;
}

/** How many items of a campaign are kept for 回头看. */
export function keptRectItemCount(db: PingyiDb, campaignId: string): Promise<number> {
  return db.rectItems.where('campaignId').equals(campaignId).count();
}
