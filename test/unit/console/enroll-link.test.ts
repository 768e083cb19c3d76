// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { enrollLink, groupCode } from '../../../src/ui/console/devices/enrollLink';
import { parseEnrollPayload } from '../../../src/ui/sync/enrollPayload';

describe('enrollment link in the QR code', () => {
  it('is read back by the tablet’s enroll screen as server and code', () => {
    for (const origin of ['https://pingyi.example.gov.cn', 'http://192.168.1.20:8787', 'https://pingyi.example.gov.cn/']) {
      expect(parseEnrollPayload(enrollLink(origin, 'K7QX29MD'))).toEqual({ server: origin.replace(/\/$/, ''), code: 'K7QX29MD' });
    }
  });

  it('groups a code in fours for reading aloud, whatever spacing it came with', () => {
    expect(groupCode('K7QX29MD4')).toBe('K7QX 29MD 4');
    expect(groupCode('k7qx-29md')).toBe('k7qx 29md');
  });
});
