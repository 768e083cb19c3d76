// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { DEMO_CAMPAIGN_BASE } from '../../../src/domain/demo-campaign-base';
import type { Settings } from '../../../src/platform/settings';
import type { PingyiDb } from '../../../src/store/db';
import { buildSession, readEnrollment, type Enrollment } from '../../../src/store/session';
import { testDb, testSettings } from './fixtures';

let db: PingyiDb;
let settings: Settings;
beforeEach(() => {
  db = testDb();
  settings = testSettings();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const enrollment: Enrollment = {
  serverUrl: 'http://127.0.0.1:8080',
  deviceId: 'dev-42',
  keyId: 'k1',
  alg: 'Ed25519',
  collector: 'wang',
  role: 'inspector',
  campaignId: 'city-2026',
  enrolledAt: '2026-11-01T08:00:00.000Z',
};
const realCampaign = { ...DEMO_CAMPAIGN, id: 'city-2026', name: '2026年度民主评议政风行风' };

describe('buildSession', () => {
  it('is the practice campaign under a stable local device id when not enrolled', async () => {
    let made = 0;
    const make = () => `local-${++made}`;
    const a = await buildSession(db, settings, make);
    const b = await buildSession(db, settings, make);
    expect(a.session).toEqual({ campaign: DEMO_CAMPAIGN_BASE, deviceId: 'local-1', collector: 'practice', practice: true });
    expect(a.mode).toBe('practice');
    expect(b.session.deviceId).toBe('local-1');
    expect(made).toBe(1);
  });

  it('is the enrolled campaign once enrolled, unless practice was chosen', async () => {
    await db.kv.put({ key: 'enrollment', value: enrollment });
    await db.campaigns.put({ id: 'city-2026', definition: realCampaign, source: 'enrolled', savedAt: enrollment.enrolledAt });
    const real = await buildSession(db, settings);
    expect(real.mode).toBe('enrolled');
    expect(real.session).toEqual({ campaign: realCampaign, deviceId: 'dev-42', collector: 'wang', practice: false, role: 'inspector' });

    await settings.setMode('practice');
    const practice = await buildSession(db, settings);
    expect(practice.mode).toBe('practice');
    expect(practice.session.practice).toBe(true);
    expect(practice.enrollment).toEqual(enrollment);

    await settings.setMode('enrolled');
    expect((await buildSession(db, settings)).session.deviceId).toBe('dev-42');
  });

  it('falls back to practice, and says so, when the enrolled campaign is missing', async () => {
    await db.kv.put({ key: 'enrollment', value: enrollment });
    const s = await buildSession(db, settings);
    expect(s.session.practice).toBe(true);
    expect(s.enrolledCampaignMissing).toBe(true);
  });

  it('ignores an enrollment row of the wrong shape', async () => {
    await db.kv.put({ key: 'enrollment', value: { ...enrollment, role: 'boss' } });
    expect(await readEnrollment(db)).toBeUndefined();
    await db.kv.put({ key: 'enrollment', value: { ...enrollment, deviceId: '' } });
    expect(await readEnrollment(db)).toBeUndefined();
  });
});

describe('settings', () => {
  it('keeps only known languages and modes', async () => {
    expect(await settings.lang()).toBeUndefined();
    await settings.setLang('zh-Hant');
    expect(await settings.lang()).toBe('zh-Hant');
    await settings.setMode('enrolled');
    expect(await settings.mode()).toBe('enrolled');
  });
});
