import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { Tally } from '../../../domain/scoring/types';
import { BarChart, type Bar } from './BarChart';
import { meanDefined } from './explain';
import { UnitSelect } from '../ui';
import { tallyMessages } from './messages';

/** The bars of the three charts: units; dimensions and groups of one unit or of all units. */
export function chartBars(tally: Tally, campaign: Campaign, unitId: string | null) {
  const min = campaign.minSamplePerGroup;
  const units: Bar[] = tally.units.map((u) => ({
    id: u.unitId,
    label: u.name,
    value: u.survey.score,
    muted: u.flags.length > 0,
  }));
  const one = unitId ? tally.units.find((u) => u.unitId === unitId) : undefined;
  const dimensions: Bar[] = campaign.dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    value: one ? (one.survey.byDimension[d.id] ?? null) : meanDefined(tally.units.map((u) => u.survey.byDimension[d.id])),
  }));
  const groups: Bar[] = campaign.raterGroups.map((g) => {
    const s = one?.survey.byGroup[g.id];
    return {
      id: g.id,
      label: g.label,
      value: one ? (s?.score ?? null) : meanDefined(tally.units.map((u) => u.survey.byGroup[g.id]?.score)),
      muted: one ? !s || s.counted < min : false,
    };
  });
  return { units, dimensions, groups };
}

/** Charts a person reads at a glance: by unit (sorted), by dimension and by rater group. */
export function TallyCharts({ tally, campaign }: { tally: Tally; campaign: Campaign }) {
  const t = useT(tallyMessages);
  const [unitId, setUnitId] = useState<string | null>(null);
  const bars = chartBars(tally, campaign, unitId);
  return (
    <div class="c-charts">
      <BarChart title={t('chartUnits')} bars={bars.units} mutedNote={t('mutedLegend')} />
      <div>
        <label class="c-inline">
          <span>{t('chartFor')}</span>
          <UnitSelect
            units={tally.units.map((u) => ({ id: u.unitId, name: u.name }))}
            value={unitId ?? ''}
            onChange={(id) => setUnitId(id || null)}
            none={t('allUnits')}
          />
        </label>
        <BarChart title={t('chartDimensions')} bars={bars.dimensions} sorted={false} />
        <BarChart title={t('chartGroups')} bars={bars.groups} sorted={false} mutedNote={t('mutedLegend')} />
      </div>
    </div>
  );
}
