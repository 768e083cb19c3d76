import { z } from 'zod';
import { IdSchema } from '../domain/campaign';
import { DaySchema } from '../domain/rectification';
import { signRectificationsFetch } from '../protocol/build';
import type { SigningAlg } from '../protocol/keys';
import type { PingyiDb, StoredRectItem } from '../store/db';
import type { ServerClient } from './http';

/** The tablet's answer shape (PROTOCOL.md "Rectification"); anything else leaves the stored list as it was. */
const AnswerSchema = z.object({
  items: z.array(z.object({ id: IdSchema, unitId: IdSchema, problem: z.string().max(2000), deadline: DaySchema })).max(10_000),
});

export interface RectItemsContext {
  db: PingyiDb;
  client: ServerClient;
  deviceId: string;
  campaignId: string;
  alg: SigningAlg;
  key: CryptoKey;
}

/**
 * Fetches the campaign's rectification items not closed and replaces the stored list with them in
 * one transaction, so 回头看 works offline with what the last sync saw. Returns how many are kept,
 * or undefined when the server could not say (the stored list stays).
 */
export async function followRectItems(c: RectItemsContext): Promise<number | undefined> {
  const sig = await signRectificationsFetch({ alg: c.alg, privateKey: c.key, deviceId: c.deviceId }, c.campaignId);
  const answer = await c.client.getRectifications(c.campaignId, c.deviceId, sig);
  if (answer.kind !== 'ok') return undefined;
  const parsed = AnswerSchema.safeParse(answer.body);
  if (!parsed.success) return undefined;
  const items: StoredRectItem[] = parsed.data.items.map((i) => ({ ...i, campaignId: c.campaignId }));
  await c.db.transaction('rw', c.db.rectItems, async () => {
    await c.db.rectItems.where('campaignId').equals(c.campaignId).delete();
    await c.db.rectItems.bulkPut(items);
  });
  return items.length;
}
