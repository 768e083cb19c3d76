import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';

/** The demo campaign's rules over 100 units (the size of a county's appraisal list). */
export function campaign100(): Campaign {
  const units = Array.from({ length: 100 }, (_, i) => ({
    id: `u${String(i + 1).padStart(3, '0')}`,
    name: `被评单位${i + 1}`,
    category: i % 3 === 0 ? '窗口单位' : '行政执法类',
  }));
  return { ...DEMO_CAMPAIGN, id: 'bench100', name: '评议基准（100 个单位）', units };
}
