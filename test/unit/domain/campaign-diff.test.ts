import { describe, expect, it } from 'vitest';
import { CampaignSchema, type Campaign } from '../../../src/domain/campaign';
import { campaignChanges, isRescore, RESCORE_KINDS, sameDefinition, withoutVersion } from '../../../src/domain/campaign-diff';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';

const base: Campaign = CampaignSchema.parse(DEMO_CAMPAIGN);
const limitsChanged = (a: Campaign['limits'], b: Campaign['limits']) =>
  campaignChanges({ ...base, limits: a }, { ...base, limits: b }).some((c) => c.kind === 'limits');

describe('changes between two versions', () => {
  it('compares the limits as in force: the defaults differ from no limits, equal forms do not', () => {
    expect(limitsChanged(undefined, null)).toBe(true);
    expect(limitsChanged(undefined, { maxPerDevicePerDay: 120 })).toBe(true);
    expect(limitsChanged({ burst: { count: 10, minutes: 5 } }, { burst: { count: 10, minutes: 6 } })).toBe(true);
    expect(limitsChanged(undefined, {})).toBe(false);
    expect(limitsChanged(undefined, { maxPerDevicePerDay: 200, burst: { count: 10, minutes: 5 } })).toBe(false);
    expect(limitsChanged(null, { maxPerDevicePerDay: null, burst: null })).toBe(false);
  });
});

describe('every kind of change, in order', () => {
  const clone = (): Campaign => JSON.parse(JSON.stringify(base)) as Campaign;
  const changes = (edit: (c: Campaign) => void) => {
    const b = clone();
    edit(b);
    return campaignChanges(base, b);
  };

  it('finds no change between a campaign and itself or another version number of it', () => {
    expect(campaignChanges(base, clone())).toEqual([]);
    expect(campaignChanges({ ...base, version: 1 }, { ...clone(), version: 2 })).toEqual([]);
    expect(sameDefinition({ ...base, version: 1 }, { ...base, version: 2 })).toBe(true);
    expect('version' in withoutVersion({ ...base, version: 3 })).toBe(false);
    expect(withoutVersion({ ...base, version: 3 }).id).toBe(base.id);
  });

  it('names units added, removed, renamed, moved, retired and restored', () => {
    expect(
      changes((c) => {
        c.units[0]!.name = '办公室';
        c.units[1]!.category = '窗口单位';
        c.units[2]!.retired = true;
        c.units.splice(3, 1);
        c.units.push({ id: 'new', name: '新科室', category: '机关科室' });
      }),
    ).toEqual([
      { kind: 'unit-renamed', id: 'office', from: '局办公室', to: '办公室' },
      { kind: 'unit-category', id: 'law', name: '政策法规科', from: '机关科室', to: '窗口单位' },
      { kind: 'unit-retired', id: 'cityscape', name: '市容管理科' },
      { kind: 'unit-added', id: 'new', name: '新科室' },
      { kind: 'unit-removed', id: 'inspect', name: '督查科' },
    ]);
    const retired = clone();
    retired.units[2]!.retired = true;
    expect(campaignChanges(retired, base)).toEqual([{ kind: 'unit-restored', id: 'cityscape', name: '市容管理科' }]);
    expect(campaignChanges(retired, retired)).toEqual([]);
  });

  it('names dimensions added, removed and changed in label or hint', () => {
    expect(
      changes((c) => {
        c.dimensions[0]!.label = '公开';
        c.dimensions[1]!.hint = '新的说明';
        c.dimensions.splice(2, 1);
        c.dimensions.push({ id: 'extra', label: '新维度', hint: '' });
      }),
    ).toEqual([
      { kind: 'dimension-changed', id: 'openness', label: '公开' },
      { kind: 'dimension-changed', id: 'lawful', label: '依法办事' },
      { kind: 'dimension-added', id: 'extra', label: '新维度' },
      { kind: 'dimension-removed', id: 'efficiency', label: '办事效率' },
    ]);
  });

  it('re-scores for a level dropped or scored anew; labels, added levels and a new order are label changes', () => {
    expect(
      changes((c) => {
        c.scale[1]!.score = 85;
        c.scale.splice(2, 1);
      }),
    ).toEqual([
      { kind: 'scale-score', key: 'fairly', label: '较满意', from: 80, to: 85 },
      { kind: 'scale-score', key: 'neutral', label: '一般', from: 60, to: undefined },
    ]);
    expect(changes((c) => (c.scale[5]!.score = 0))).toEqual([{ kind: 'scale-score', key: 'unknown', label: '不了解', from: null, to: 0 }]);
    expect(changes((c) => (c.scale[0]!.label = '非常满意'))).toEqual([{ kind: 'scale-labels' }]);
    expect(changes((c) => c.scale.push({ key: 'extra', label: '其他', score: null }))).toEqual([{ kind: 'scale-labels' }]);
    expect(changes((c) => c.scale.reverse())).toEqual([{ kind: 'scale-labels' }]);
    expect(
      changes((c) => {
        c.scale.reverse();
        c.scale[0]!.score = 0;
      }),
    ).toEqual([{ kind: 'scale-score', key: 'unknown', label: '不了解', from: null, to: 0 }]);
    expect(isRescore({ kind: 'scale-score', key: 'a', label: 'a', from: 1, to: 2 })).toBe(true);
    expect(isRescore({ kind: 'scale-labels' })).toBe(false);
  });

  it('re-scores for a weight changed, a group added or removed; a label alone is a label change', () => {
    expect(
      changes((c) => {
        c.raterGroups[0]!.weight = 0.2;
        c.raterGroups.splice(1, 1);
        c.raterGroups.push({ id: 'press', label: '媒体', weight: 0.1 });
      }),
    ).toEqual([
      { kind: 'weight', id: 'expert', label: '专家代表', from: 0.3, to: 0.2 },
      { kind: 'weight', id: 'press', label: '媒体', from: undefined, to: 0.1 },
      { kind: 'weight', id: 'public', label: '群众代表', from: 0.3, to: undefined },
    ]);
    expect(changes((c) => (c.raterGroups[2]!.label = '办事群众'))).toEqual([{ kind: 'group-labels' }]);
    expect([...RESCORE_KINDS].sort()).toEqual(['components', 'limits', 'scale-score', 'weight']);
  });

  it('tells a change of the score’s components from one of their labels, and names bonus, ranking and fields', () => {
    expect(changes((c) => (c.scoring.components[0]!.max = 25))).toEqual([{ kind: 'components' }]);
    expect(changes((c) => ((c.scoring.components[1]!.parts[1] as { weight: number }).weight = 0.6))).toEqual([{ kind: 'components' }]);
    expect(changes((c) => ((c.scoring.components[1]!.parts[0] as { weight: number }).weight = 0.6))).toEqual([{ kind: 'components' }]);
    expect(changes((c) => ((c.scoring.components[1]!.parts[1] as { id: string }).id = 'web'))).toEqual([{ kind: 'components' }]);
    expect(changes((c) => (c.scoring.components[0]!.label = '日常'))).toEqual([{ kind: 'field', field: 'componentLabels' }]);
    expect(changes((c) => ((c.scoring.components[1]!.parts[1] as { label: string }).label = '网上测评'))).toEqual([
      { kind: 'field', field: 'componentLabels' },
    ]);
    expect(changes((c) => (c.scoring.bonus!.byRank = [1]))).toEqual([{ kind: 'field', field: 'bonus' }]);
    expect(changes((c) => (c.scoring.rankWithin = 'category'))).toEqual([{ kind: 'field', field: 'rankWithin' }]);
    expect(changes((c) => (c.limits = null))).toEqual([{ kind: 'limits' }]);
    expect(
      changes((c) => {
        c.name = '新名称';
        c.year = 2027;
        c.minSamplePerGroup = 20;
        c.encryptionKey = null;
      }),
    ).toEqual([
      { kind: 'field', field: 'name' },
      { kind: 'field', field: 'year' },
      { kind: 'field', field: 'encryptionKey' },
      { kind: 'field', field: 'minSamplePerGroup' },
    ]);
    for (const field of ['issuer', 'stages', 'checks', 'findingCategories', 'severities', 'minSampleToRank', 'previous'] as const) {
      const b = clone() as unknown as Record<string, unknown>;
      b[field] = field === 'minSampleToRank' ? 5 : field === 'issuer' ? '别处' : field === 'previous' ? [] : [];
      expect(campaignChanges(base, b as unknown as Campaign), field).toEqual([{ kind: 'field', field }]);
    }
  });

  it('calls a reordering that changes nothing else an order change', () => {
    expect(changes((c) => c.units.reverse())).toEqual([{ kind: 'field', field: 'order' }]);
    expect(changes((c) => c.dimensions.reverse())).toEqual([{ kind: 'field', field: 'order' }]);
    expect(changes((c) => c.raterGroups.reverse())).toEqual([{ kind: 'field', field: 'order' }]);
  });
});
