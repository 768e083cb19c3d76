// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { validateRecord } from '../../../src/domain/validate';
import { uuidv7 } from '../../../src/domain/ids';
import { ZERO } from '../../../src/protocol/canon';

const f2f = (body: Record<string, unknown>) => ({
  v: 1,
  type: 'f2f',
  id: uuidv7(),
  campaignId: 'demo',
  deviceId: 'dev-1',
  seq: 1,
  prev: ZERO,
  collector: '张三',
  createdAt: '2026-11-21T09:30:00.000Z',
  sealedAt: '2026-11-21T09:31:00.000Z',
  body,
});
const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));
const good = { unitId: 'brigade1', raterGroup: 'public', channel: 'stall', ratings, overall: 'fairly', durationMs: 42000 };

describe('validateRecord', () => {
  it('accepts a complete questionnaire, 不了解 included', () => {
    expect(validateRecord(f2f({ ...good, ratings: { ...ratings, openness: 'unknown' } }), DEMO_CAMPAIGN, () => undefined)).toBeNull();
  });
  it('points at the missing dimension', () => {
    const { lawful: _, ...partial } = ratings;
    expect(validateRecord(f2f({ ...good, ratings: partial }), DEMO_CAMPAIGN, () => undefined)).toEqual({
      path: '/body/ratings/lawful',
      message: 'no rating for dimension "依法办事"',
    });
  });
  it('refuses an unknown unit with its pointer', () => {
    expect(validateRecord(f2f({ ...good, unitId: 'nope' }), DEMO_CAMPAIGN, () => undefined)?.path).toBe('/body/unitId');
  });
  it('refuses fields outside the record shape', () => {
    expect(validateRecord({ ...f2f(good), extra: 1 }, DEMO_CAMPAIGN, () => undefined)).not.toBeNull();
  });
});

describe('DEMO_CAMPAIGN', () => {
  it('is a valid campaign definition', async () => {
    const { CampaignSchema } = await import('../../../src/domain/campaign');
    expect(CampaignSchema.safeParse(DEMO_CAMPAIGN).success).toBe(true);
  });
});
