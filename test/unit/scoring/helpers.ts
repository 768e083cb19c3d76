import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { F2fAnswer } from '../../../src/domain/scoring';

/** n answers of one group about one unit at one overall level, every dimension rated the same. */
export function answers(campaign: Campaign, unitId: string, raterGroup: string, level: string, n: number, dimLevel = level): F2fAnswer[] {
  const ratings = Object.fromEntries(campaign.dimensions.map((d) => [d.id, dimLevel]));
  return Array.from({ length: n }, () => ({ unitId, raterGroup, overall: level, ratings }));
}

/** Answers from counts per level key, e.g. { very: 50, fairly: 30 }. */
export function answersByLevel(campaign: Campaign, unitId: string, raterGroup: string, counts: Record<string, number>): F2fAnswer[] {
  return Object.entries(counts).flatMap(([level, n]) => answers(campaign, unitId, raterGroup, level, n));
}

export const META = { campaignVersion: 1, campaignHash: 'cd'.repeat(32), computedAt: '2026-11-21T09:30:00.000Z', logSize: 0, logRoot: '0'.repeat(64) };

/**
 * Seed 004 (省劳动保障系统): 群众满意度 70% with four levels 优秀 0.9, 满意 0.8, 基本满意 0.7, 不满意 0.5 (×100),
 * 检查评议 30% entered by the inspection group. The seed names no rater groups: one group of weight 1.
 */
export const SEED_004: Campaign = CampaignSchema.parse({
  ...DEMO_CAMPAIGN,
  id: 'labour2007',
  name: '劳动保障系统民主评议政风行风',
  year: 2007,
  issuer: '省劳动保障厅',
  units: [
    { id: 'city-a', name: '甲市劳动保障局', category: '设区市' },
    { id: 'city-b', name: '乙市劳动保障局', category: '设区市' },
    { id: 'city-c', name: '丙市劳动保障局', category: '设区市' },
  ],
  dimensions: [
    { id: 'service', label: '服务质量', hint: '' },
    { id: 'efficiency', label: '办事效率', hint: '' },
  ],
  scale: [
    { key: 'excellent', label: '优秀', score: 90 },
    { key: 'good', label: '满意', score: 80 },
    { key: 'fair', label: '基本满意', score: 70 },
    { key: 'poor', label: '不满意', score: 50 },
  ],
  raterGroups: [{ id: 'public', label: '群众', weight: 1 }],
  minSamplePerGroup: 30,
  scoring: {
    components: [
      { id: 'satisfaction', label: '群众满意度', max: 70, parts: [{ from: 'survey', weight: 1 }] },
      { id: 'inspection', label: '检查评议', max: 30, parts: [{ from: 'manual', id: 'inspection', weight: 1 }] },
    ],
  },
});
