import { describe, expect, it } from 'vitest';
import { formatLongDate, localeOf } from '../../../src/ui/components/format';
import type { Lang } from '../../../src/ui/i18n';

describe('formatLongDate', () => {
  it('spells every day of two years as the full Intl date style does, in each interface language', () => {
    for (const lang of ['zh-Hans', 'zh-Hant', 'en'] satisfies Lang[]) {
      const intl = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'full' });
      for (let i = 0; i < 731; i++) {
        const ms = new Date(2026, 0, 1 + i, 9, 30).getTime();
        expect(formatLongDate(ms, lang)).toBe(intl.format(ms));
      }
    }
  });

  it('reads the tablet’s own calendar day, not the UTC one', () => {
    const lateEvening = new Date(2026, 10, 21, 23, 59).getTime();
    expect(formatLongDate(lateEvening, 'zh-Hans')).toBe('2026年11月21日星期六');
    expect(formatLongDate(lateEvening, 'zh-Hant')).toBe('2026年11月21日 星期六');
    expect(formatLongDate(lateEvening, 'en')).toBe('Saturday, 21 November 2026');
  });
});
