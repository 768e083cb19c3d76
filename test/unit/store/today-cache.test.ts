import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../../src/domain/ids';
import { openDb, type Draft, type PingyiDb } from '../../../src/store/db';
import { dayCounts, localDay } from '../../../src/store/queries';
import { sealDraft } from '../../../src/store/seal';
import { cachedToday, rememberToday } from '../../../src/store/today-cache';

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const f2f = { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'very', durationMs: 0 };
const today = localDay(Date.now());

function draft(over: Partial<Draft> = {}): Draft {
  const now = Date.now();
  return { id: uuidv7(), campaignId: 'demo', deviceId: 'local-1', type: 'f2f', body: f2f, createdAt: isoTime(now), updatedAt: now, ...over };
}

let db: PingyiDb | undefined;
beforeEach(() => localStorage.clear());
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

describe('today’s remembered counts', () => {
  it('gives back what was remembered for the same device and day only', () => {
    rememberToday('local-1', today, { f2f: 3, forum: 1 });
    expect(cachedToday('local-1', today)).toEqual({ f2f: 3, forum: 1 });
    expect(cachedToday('local-2', today)).toBeUndefined();
    expect(cachedToday('local-1', '2020-01-01')).toBeUndefined();
  });

  it('ignores a stored value not of the agreed shape', () => {
    for (const raw of [
      'not json',
      'null',
      JSON.stringify({ deviceId: 'local-1', day: today, byType: [1] }),
      JSON.stringify({ deviceId: 'local-1', day: today, byType: { f2f: -1 } }),
      JSON.stringify({ deviceId: 'local-1', day: today, byType: { f2f: 1.5 } }),
      JSON.stringify({ deviceId: 'local-1', day: today, byType: { f2f: '2' } }),
      JSON.stringify({ deviceId: 'local-1', day: today, byType: { bogus: 1 } }),
      JSON.stringify({ deviceId: 'local-1', day: today }),
    ]) {
      localStorage.setItem('pingyi:today', raw);
      expect(cachedToday('local-1', today), raw).toBeUndefined();
    }
  });

  it('follows every seal of today with the counts of the day’s row as committed', async () => {
    db = openDb('today-' + uuidv7());
    const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true };
    await sealDraft(draft(), ctx);
    await sealDraft(draft(), ctx);
    expect(cachedToday('local-1', today)).toEqual({ f2f: 2 });
    const row = await dayCounts(db, 'local-1', today);
    expect(row.f2f).toBe(2);
  });

  it('is left alone by a seal that fails', async () => {
    db = openDb('today-' + uuidv7());
    rememberToday('local-1', today, { f2f: 5 });
    const bad = draft({ body: { ...f2f, overall: undefined } });
    await expect(sealDraft(bad, { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true })).rejects.toThrow();
    expect(cachedToday('local-1', today)).toEqual({ f2f: 5 });
  });
});
