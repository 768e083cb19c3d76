import { CampaignSchema, type Campaign } from '../../../domain/campaign';
import { withoutVersion } from '../../../domain/campaign-diff';
import { DEMO_CAMPAIGN } from '../../../domain/demo-campaign';

export type TemplateId = 'seed-000' | 'seed-004' | 'copy';

/** Seed 004 (劳动保障系统): four levels 90/80/70/50; 群众满意度 70 (survey) + 检查评议 30 (entered). */
const SEED_004: Omit<Campaign, 'id' | 'name' | 'year'> = {
  ...withoutVersion(CampaignSchema.parse(DEMO_CAMPAIGN)),
  issuer: '劳动保障厅纠风办',
  scale: [
    { key: 'excellent', label: '优秀', score: 90 },
    { key: 'good', label: '满意', score: 80 },
    { key: 'fair', label: '基本满意', score: 70 },
    { key: 'poor', label: '不满意', score: 50 },
  ],
  raterGroups: [{ id: 'public', label: '群众', weight: 1 }],
  scoring: {
    components: [
      { id: 'satisfaction', label: '群众满意度', max: 70, parts: [{ from: 'survey', weight: 1 }] },
      { id: 'inspection', label: '检查评议', max: 30, parts: [{ from: 'manual', id: 'inspection', label: '检查评议', weight: 1 }] },
    ],
  },
};

/** A new campaign's definition from a template, under its own id, name and year (valid as it stands). */
export function fromTemplate(t: TemplateId, current: Campaign | null, head: { id: string; name: string; year: number }): Campaign {
  const base = t === 'seed-004' ? SEED_004 : t === 'copy' && current ? withoutVersion(current) : withoutVersion(CampaignSchema.parse(DEMO_CAMPAIGN));
  const { previous: _p, ...rest } = base as Campaign;
  return CampaignSchema.parse({ ...rest, ...head, ...(t === 'copy' && current ? { previous: current.id } : {}) });
}
