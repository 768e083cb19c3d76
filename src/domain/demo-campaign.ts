import type { Campaign } from './campaign';
import { DEMO_CAMPAIGN_BASE } from './demo-campaign-base';
import { withDemoLabels } from './demo-campaign-labels';

/**
 * The demo campaign, built from seed 000 (a city 城管局's 2023 方案): its 科室 and 大队 as units, the
 * eight 评议内容, the five-level scale with 不了解, the three 评议主体 (0.3/0.3/0.4), and the 20 + 80
 * composite (日常考评 20; 群众评议 80 = (网络测评 + 问卷调查) / 2) with the 专项治理 bonus capped inside
 * 日常考评. It ships with the app for practice and is campaign `demo` on every server.
 *
 * Its encryption key is a published training key (DEMO_CAMPAIGN_PRIVATE_JWK): confidential fields of
 * demo records are really encrypted, and trainees can decrypt them in the console. Never use it for
 * a real campaign.
 */
// Plain objects (checked against CampaignSchema in the tests), so that the home screen does not
// load zod on a first visit; the practice session starts from DEMO_CAMPAIGN_BASE (no translations).
export const DEMO_CAMPAIGN: Campaign = withDemoLabels(DEMO_CAMPAIGN_BASE);

/** The published training key for the demo campaign's confidential fields: for practice only. */
export const DEMO_CAMPAIGN_PRIVATE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'wtRvSk4feiRhJJBvf3-otM2zjUldu_KiYGjtG_r_ucs',
  y: 'a9plbK87zFWJULWL-6R4ZcNzhtSB1MZIBAoiiE3KtGw',
  d: '4QcC1C1X7fV4tsiX3Wff4bOiGPcpnspNXm-2YGE6EOY',
} as const;
