// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../../src/domain/ids';
import { H, ZERO } from '../../../src/protocol/canon';
import { openDb, type Draft, type PingyiDb } from '../../../src/store/db';
import { SealError, sealDraft } from '../../../src/store/seal';

const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
let db: PingyiDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

/** When the drafts were started: records name real instants of the years 2000 to 2100. */
const T = Date.parse('2026-11-21T09:00:00.000Z');

function draft(body: Record<string, unknown>, over: Partial<Draft> = {}): Draft {
  return {
    id: uuidv7(),
    campaignId: 'demo',
    deviceId: 'local-1',
    type: 'f2f',
    body,
    createdAt: isoTime(T),
    firstAnswerAt: T + 1_000,
    updatedAt: T + 1_000,
    ...over,
  };
}
const f2f = { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'very', durationMs: 0 };

describe('sealDraft', () => {
  it('chains records with seq, prev and the canonical hash, and records durationMs', async () => {
    db = openDb('seal-' + uuidv7());
    const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true, now: () => T + 43_000 };
    const a = await sealDraft(draft(f2f), ctx);
    const b = await sealDraft(draft(f2f), ctx);
    expect(a.record.seq).toBe(1);
    expect(a.record.prev).toBe(ZERO);
    expect(b.record.seq).toBe(2);
    expect(b.record.prev).toBe(a.hash);
    expect(await H(b.record)).toBe(b.hash);
    expect(a.record.body.durationMs).toBe(42_000);
    expect(await db.drafts.count()).toBe(0);
  });

  it('refuses an incomplete questionnaire and stores nothing', async () => {
    db = openDb('seal-' + uuidv7());
    const d = draft({ ...f2f, overall: undefined });
    await db.drafts.put(d);
    const err = await sealDraft(d, { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true }).catch((e) => e);
    expect(err).toBeInstanceOf(SealError);
    expect((err as SealError).problems[0]!.path).toBe('/body/overall');
    expect(await db.records.count()).toBe(0);
    expect(await db.drafts.count()).toBe(1);
  });

  it('does not fork the chain when two seals run at once', async () => {
    db = openDb('seal-' + uuidv7());
    const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true };
    const out = await Promise.all(Array.from({ length: 10 }, () => sealDraft(draft(f2f), ctx)));
    expect(out.map((r) => r.record.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const all = await db.records.orderBy('[deviceId+seq]').toArray();
    for (let i = 1; i < all.length; i++) expect(all[i]!.record.prev).toBe(all[i - 1]!.hash);
  });

  it('waits on the database twice inside its transaction: the reads go out together, then the writes', async () => {
    db = openDb('seal-' + uuidv7());
    // Every request of the tables the seal touches, when it is made and when it is answered.
    const log: string[] = [];
    db.use({
      stack: 'dbcore',
      name: 'request-log',
      create: (down) => ({
        ...down,
        table(name) {
          const t = down.table(name);
          return {
            ...t,
            get: (req) => (log.push(`ask ${name}`), t.get(req).then((r) => (log.push(`got ${name}`), r))),
            mutate: (req) => (log.push(`ask ${name}`), t.mutate(req).then((r) => (log.push(`got ${name}`), r))),
          };
        },
      }),
    });
    const ctx = { db, campaign: DEMO_CAMPAIGN, collector: 'c1', practice: true };
    await sealDraft(draft(f2f), ctx); // the chain head and the day row exist from here on
    const d = draft(f2f);
    await db.drafts.put(d);
    log.length = 0;
    await sealDraft(d, ctx);
    const rounds: string[][] = [];
    let asking = false;
    for (const e of log) {
      if (e.startsWith('ask') && !asking) rounds.push([]);
      asking = e.startsWith('ask');
      if (asking) rounds[rounds.length - 1]!.push(e.slice(4));
    }
    expect(rounds.map((r) => [...r].sort())).toEqual([
      ['days', 'heads'],
      ['days', 'drafts', 'heads', 'records'],
    ]);
  });
});
