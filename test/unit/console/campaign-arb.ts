import fc from 'fast-check';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';

/** Any valid campaign definition as an office could make it (the workbook and the editor read each back as itself). */
const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
/** Names as offices type them: Chinese, Latin, digits (a name may look like a number), spaces inside. */
const nameArb = fc.stringMatching(/^[一-龥A-Za-z0-9（）·=+-][一-龥A-Za-z0-9（）· =+-]{0,20}$/).filter((s) => s.trim() === s);
const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string, min = 1, max = 5) => fc.uniqueArray(arb, { selector: key, minLength: min, maxLength: max });
const labelled = uniqueBy(fc.record({ id: idArb, label: nameArb }), (x) => x.id, 0, 4);

export const campaignArb: fc.Arbitrary<Campaign> = fc
  .record({
    id: idArb,
    name: nameArb,
    year: fc.integer({ min: 2000, max: 2100 }),
    issuer: nameArb,
    units: uniqueBy(
      fc.record({ id: idArb, name: nameArb, category: fc.oneof(fc.constant(''), nameArb), retired: fc.constantFrom(true, undefined) }),
      (u) => u.id,
    ),
    dimensions: uniqueBy(fc.record({ id: idArb, label: nameArb, hint: fc.oneof(fc.constant(''), nameArb) }), (d) => d.id),
    scale: uniqueBy(
      fc.record({
        key: idArb,
        label: nameArb,
        score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true })),
      }),
      (l) => l.key,
      2,
      6,
    ).filter((xs) => xs.some((x) => x.score !== null)),
    groups: uniqueBy(fc.record({ id: idArb, label: nameArb, share: fc.integer({ min: 1, max: 9 }) }), (g) => g.id, 1, 4),
    checks: fc.option(labelled, { nil: undefined }),
    findingCategories: labelled,
    severities: labelled,
    minSamplePerGroup: fc.integer({ min: 0, max: 100 }),
    minSampleToRank: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    rankWithin: fc.constantFrom('category' as const, undefined),
    manualLabel: fc.option(nameArb, { nil: undefined }),
    withBonus: fc.boolean(),
    key: fc.boolean(),
    stages: fc.option(
      uniqueBy(fc.record({ id: idArb, label: nameArb, from: fc.constant('2026-05-01'), to: fc.constant('2026-06-30') }), (s) => s.id, 0, 3),
      { nil: undefined },
    ),
    /** Every form `limits` takes but the two that read back as their equals (`{}`: none; both off: null). */
    limits: fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc
        .record(
          {
            maxPerDevicePerDay: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 100_000 })),
            burst: fc.oneof(fc.constant(null), fc.record({ count: fc.integer({ min: 2, max: 10_000 }), minutes: fc.integer({ min: 1, max: 1440 }) })),
          },
          { requiredKeys: [] },
        )
        .filter((l) => Object.keys(l).length > 0 && !(l.maxPerDevicePerDay === null && l.burst === null)),
    ),
  })
  .map((r) => {
    const total = r.groups.reduce((s, g) => s + g.share, 0);
    const units = r.units.map(({ retired, ...u }) => (retired ? { ...u, retired } : u));
    const def = {
      id: r.id,
      name: r.name,
      year: r.year,
      issuer: r.issuer,
      units,
      dimensions: r.dimensions,
      scale: r.scale,
      raterGroups: r.groups.map((g) => ({ id: g.id, label: g.label, weight: g.share / total })),
      // Every other yes/no question asked under the first dimension.
      ...(r.checks ? { checks: r.checks.map((k, i) => (i % 2 ? { ...k, dimension: r.dimensions[0]!.id } : k)) } : {}),
      findingCategories: r.findingCategories,
      severities: r.severities,
      minSamplePerGroup: r.minSamplePerGroup,
      ...(r.minSampleToRank !== undefined ? { minSampleToRank: r.minSampleToRank } : {}),
      scoring: {
        components: [
          { id: 'daily', label: '日常考评', max: 20, parts: [{ from: 'manual', id: 'daily', ...(r.manualLabel ? { label: r.manualLabel } : {}), weight: 1 }] },
          {
            id: 'public',
            label: '群众评议',
            max: 80,
            parts: [
              { from: 'survey', weight: 0.5 },
              { from: 'manual', id: 'network', weight: 0.5 },
            ],
          },
        ],
        ...(r.withBonus ? { bonus: { label: '专项治理加分', byRank: [0.5, 0.4, 0.3], component: 'daily' } } : {}),
        ...(r.rankWithin ? { rankWithin: r.rankWithin } : {}),
      },
      encryptionKey: r.key ? DEMO_CAMPAIGN.encryptionKey : null,
      ...(r.stages ? { stages: r.stages } : {}),
      ...(r.limits !== undefined ? { limits: r.limits } : {}),
    };
    return CampaignSchema.parse(def);
  });
