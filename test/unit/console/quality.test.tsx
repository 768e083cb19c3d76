import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/preact';
import { QualityPage } from '../../../src/ui/console/quality/QualityPage';
import type { CollectorQuality, DataQuality } from '../../../src/ui/console/api-types';
import { COORDINATOR } from './fake-server';
import { renderPage } from './render';

const spread = (median: number) => ({ min: median / 2, p10: median / 2, p25: median * 0.8, median, p75: median * 1.2, p90: median * 1.4, max: median * 2 });

const quiet = {
  overlapping: { count: 0, examples: [] },
  impossibleSpacing: { count: 0, longestRun: 0, examples: [] },
  lateReceipts: { count: 0, maxDelayMs: 0 },
  outOfOrder: 0,
  held: 0,
  excluded: 0,
};

const calm: CollectorQuality = {
  ...quiet,
  collector: '周敏',
  questionnaires: 42,
  perActiveHour: 6,
  maxPerHour: 9,
  durationMs: spread(180_000),
  bursts: [],
  identicalPatterns: [],
  flags: [],
};
const busy: CollectorQuality = {
  ...quiet,
  collector: '李娜',
  questionnaires: 60,
  perActiveHour: 20,
  maxPerHour: 31,
  durationMs: spread(40_000),
  bursts: [{ from: '2026-11-20T02:00:00.000Z', to: '2026-11-20T02:04:00.000Z', count: 11 }],
  identicalPatterns: [{ count: 7, recordIds: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'] }],
  flags: ['high-rate', 'short-durations', 'bursts', 'identical-answers'],
};

const answer: DataQuality = {
  campaignId: 'demo',
  options: { burstWindowMs: 300_000, burstCount: 8, identicalMin: 5, shortMedianMs: 60_000, maxPerHour: 20 },
  collectors: [calm, busy],
  devices: [],
};

describe('data quality page', () => {
  afterEach(cleanup);

  it('puts flagged collectors first and says why, with the thresholds applied', async () => {
    renderPage(<QualityPage />, { 'GET /api/v1/admin/campaigns/demo/data-quality': () => ({ body: answer }) }, { me: COORDINATOR });
    const table = await screen.findByRole('table', { name: '数据质量' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-collector'))).toEqual(['李娜', '周敏']);
    const text = rows[0]!.textContent!;
    for (const s of [
      '一小时内超过 20 份',
      '答卷用时中位数不足 1 分钟',
      '5 分钟内集中封存 8 份以上',
      '5 份以上答案完全相同',
      '11 份',
      '7 份相同',
      '平均 20.0 · 最多 31',
    ]) {
      expect(text).toContain(s);
    }
    expect(rows[1]!.textContent).toContain('未发现异常');
    // One box plot per collector with a spread.
    expect(table.querySelectorAll('svg.c-box')).toHaveLength(2);
    expect(screen.getByText(/任何记录都不会因此被删除或排除/)).toBeTruthy();
  });
});
