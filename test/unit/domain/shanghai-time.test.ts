import { describe, expect, it } from 'vitest';
import { shanghaiDateZh, shanghaiIso, shanghaiMinute } from '../../../src/domain/shanghai-time';

describe('Asia/Shanghai times', () => {
  it('shows the same instant with +08:00, across the date line', () => {
    expect(shanghaiIso('2026-11-21T08:00:00.000Z')).toBe('2026-11-21T16:00:00.000+08:00');
    expect(shanghaiIso('2026-12-31T16:30:05.123Z')).toBe('2027-01-01T00:30:05.123+08:00');
    expect(Date.parse(shanghaiIso('2026-12-31T16:30:05.123Z')!)).toBe(Date.parse('2026-12-31T16:30:05.123Z'));
    expect(shanghaiIso(Date.parse('2026-03-01T00:00:00Z'))).toBe('2026-03-01T08:00:00.000+08:00');
    expect(shanghaiIso('not a time')).toBeNull();
  });
  it('dates a report by the Shanghai day', () => {
    expect(shanghaiDateZh('2026-12-02T16:00:00.000Z')).toBe('2026年12月3日');
    expect(shanghaiDateZh('2026-12-02T15:59:59.999Z')).toBe('2026年12月2日');
    expect(shanghaiMinute('2026-12-02T16:05:00.000Z')).toBe('2026-12-03 00:05');
  });
});
