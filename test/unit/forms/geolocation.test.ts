// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { currentFix, fixFromCoords, formatFix, parseManualPosition } from '../../../src/platform/geolocation';

type Geo = Pick<Geolocation, 'getCurrentPosition'>;
const geoAnswering = (answer: { coords?: { latitude: number; longitude: number; accuracy: number }; code?: number }): Geo => ({
  getCurrentPosition(ok, fail) {
    if (answer.coords) ok({ coords: answer.coords } as GeolocationPosition);
    else fail!({ code: answer.code } as GeolocationPositionError);
  },
});

describe('geolocation', () => {
  it('turns a fix into integer microdegrees and whole metres (rounded up)', async () => {
    expect(fixFromCoords({ latitude: 30.5728123, longitude: -104.0668456, accuracy: 12.2 })).toEqual({
      latE6: 30572812,
      lonE6: -104066846,
      accuracyM: 13,
      source: 'device',
    });
    const r = await currentFix(geoAnswering({ coords: { latitude: 1.5, longitude: 2.25, accuracy: 5 } }));
    expect(r).toEqual({ ok: true, fix: { latE6: 1500000, lonE6: 2250000, accuracyM: 5, source: 'device' } });
  });

  it('says why there is no fix', async () => {
    expect(await currentFix(undefined)).toEqual({ ok: false, reason: 'unsupported' });
    expect(await currentFix(geoAnswering({ code: 1 }))).toEqual({ ok: false, reason: 'denied' });
    expect(await currentFix(geoAnswering({ code: 2 }))).toEqual({ ok: false, reason: 'unavailable' });
    expect(await currentFix(geoAnswering({ code: 3 }))).toEqual({ ok: false, reason: 'timeout' });
    const throwing: Geo = {
      getCurrentPosition: () => {
        throw new Error('insecure origin');
      },
    };
    expect(await currentFix(throwing)).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('reads typed positions and refuses what is not one', () => {
    expect(parseManualPosition(' 30.5728, 104.0668 ')).toEqual({ latE6: 30572800, lonE6: 104066800, accuracyM: 0, source: 'manual' });
    expect(parseManualPosition('30.5728，104.0668')!.lonE6).toBe(104066800);
    expect(parseManualPosition('-33.8 151.2')).toMatchObject({ latE6: -33800000, lonE6: 151200000 });
    for (const bad of ['', '30.5', '91, 10', '10, 181', 'abc, def', '1,2,3', '30.5N 104E']) expect(parseManualPosition(bad)).toBeNull();
    expect(formatFix({ latE6: 30572800, lonE6: -104066800 })).toBe('30.572800, -104.066800');
  });
});
