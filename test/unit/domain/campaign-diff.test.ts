import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { campaignChanges } from '../../../src/domain/campaign-diff';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';

const base: Campaign = CampaignSchema.parse(DEMO_CAMPAIGN);
const limitsChanged = (a: Campaign['limits'], b: Campaign['limits']) =>
  campaignChanges({ ...base, limits: a }, { ...base, limits: b }).some((c) => c.kind === 'limits');

describe('changes between two versions', () => {
  it('compares the limits as in force: the defaults differ from no limits, equal forms do not', () => {
    expect(limitsChanged(undefined, null)).toBe(true);
    expect(limitsChanged(undefined, { maxPerDevicePerDay: 120 })).toBe(true);
    expect(limitsChanged({ burst: { count: 10, minutes: 5 } }, { burst: { count: 10, minutes: 6 } })).toBe(true);
    expect(limitsChanged(undefined, {})).toBe(false);
    expect(limitsChanged(undefined, { maxPerDevicePerDay: 200, burst: { count: 10, minutes: 5 } })).toBe(false);
    expect(limitsChanged(null, { maxPerDevicePerDay: null, burst: null })).toBe(false);
  });
});
