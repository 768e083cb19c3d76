import { useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { Flag, Tally } from '../../../domain/scoring/types';
import type { UnitYears, YearFlag, YearsComparison } from '../../../domain/scoring/years';
import { fmt2 } from '../ui';
import { byRank, explainFlags } from './explain';
import { tallyMessages, type TallyKey } from './messages';

/** The 结果运用 flags in words. */
const YEAR_WORDS: Record<YearFlag, TallyKey> = {
  last: 'yearLast',
  'last-2-years': 'yearLast2',
  'last-3-years': 'yearLast3',
  'first-in-category-2-years': 'yearFirst2',
};

/** Last year's rank and total of a unit. */
function PreviousCell({ years }: { years: UnitYears | undefined }) {
  const t = useT(tallyMessages);
  const p = years?.previous;
  return (
    <td class="c-num c-previous">
      {p ? (p.rank ?? t('unranked')) : '—'}
      <div class="c-small c-muted">{p ? fmt2(p.total) : ''}</div>
    </td>
  );
}

/** Each flag of the tally in words. */
const FLAG_WORDS: Record<Flag, TallyKey> = { incomplete: 'flagIncomplete', 'small-sample': 'flagSmall', retired: 'flagRetired', vetoed: 'flagVetoed' };

/**
 * The ranking: one row per unit by rank (unranked last), with the total, each component, the
 * survey score, and per rater group the score with its counts (有效, 不了解); flags in words.
 */
export function TallyTable({ tally, campaign, years }: { tally: Tally; campaign: Campaign; years?: YearsComparison }) {
  const t = useT(tallyMessages);
  const components = campaign.scoring.components;
  const byCategory = tally.units.some((u) => u.categoryRank !== undefined);
  return (
    <div class="c-scroll">
      <table class="c-table c-tally" aria-label={t('heading')}>
        <thead>
          <tr>
            <th class="c-num">{t('rank')}</th>
            <th>{t('unit')}</th>
            {byCategory && <th class="c-num">{t('categoryRank')}</th>}
            <th class="c-num">{t('total')}</th>
            {years && years.campaigns[0] && <th class="c-num">{t('previousYear', { year: years.campaigns[0].year })}</th>}
            {components.map((c) => (
              <th key={c.id} class="c-num">
                {c.label}
                <div class="c-small c-muted">/ {c.max}</div>
              </th>
            ))}
            <th class="c-num">{t('survey')}</th>
            <th class="c-num">{t('questionnaires')}</th>
            {campaign.raterGroups.map((g) => (
              <th key={g.id} class="c-num">
                {g.label}
                <div class="c-small c-muted">× {g.weight}</div>
              </th>
            ))}
            <th>{t('flags')}</th>
          </tr>
        </thead>
        <tbody>
          {byRank(tally.units).map((u) => (
            <tr key={u.unitId} data-unit={u.unitId} class={u.rank === null ? 'c-row-off' : ''}>
              <td class="c-num c-rank">{u.rank ?? t('unranked')}</td>
              <td>{u.name}</td>
              {byCategory && <td class="c-num">{u.categoryRank ?? '—'}</td>}
              <td class="c-num c-strong">{fmt2(u.total)}</td>
              {years && years.campaigns[0] && <PreviousCell years={years.units[u.unitId]} />}
              {components.map((c) => (
                <td key={c.id} class="c-num">
                  {fmt2(u.components[c.id])}
                </td>
              ))}
              <td class="c-num">{fmt2(u.survey.score)}</td>
              <td class="c-num c-counts" data-testid={`counts-${u.unitId}`}>
                {t('countsLine', { counted: u.counts?.counted ?? 0 })}
                {(u.counts?.held ?? 0) > 0 && <div class="c-small c-warn">{t('heldLine', { n: u.counts!.held })}</div>}
                {(u.counts?.excluded ?? 0) > 0 && <div class="c-small c-muted">{t('excludedLine', { n: u.counts!.excluded })}</div>}
              </td>
              {campaign.raterGroups.map((g) => {
                const s = u.survey.byGroup[g.id];
                const small = s && s.counted > 0 && s.counted < campaign.minSamplePerGroup;
                return (
                  <td key={g.id} class={`c-num ${small ? 'c-warn' : ''}`}>
                    {fmt2(s?.score)}
                    <div class="c-small c-muted">
                      {t('counted', { n: s?.counted ?? 0 })} · {t('unknown', { n: s?.unknown ?? 0 })}
                    </div>
                  </td>
                );
              })}
              <td class="c-flags">
                {u.flags.map((f) => (
                  <span key={f} class={`c-flag c-flag-${f}`}>
                    {t(FLAG_WORDS[f])}
                  </span>
                ))}
                {years?.units[u.unitId]?.flags.map((f) => (
                  <span key={f} class="c-flag c-flag-years">
                    {t(YEAR_WORDS[f])}
                  </span>
                ))}
                <ul>
                  {explainFlags(u, campaign).map((n, i) => (
                    <li key={i}>{t(n.key, n.vars)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Units × dimensions (评议内容): each cell the unit's satisfaction on that dimension. */
export function DimensionTable({ tally, campaign }: { tally: Tally; campaign: Campaign }) {
  const t = useT(tallyMessages);
  return (
    <div class="c-scroll">
      <table class="c-table c-compact" aria-label={t('dimensions')}>
        <thead>
          <tr>
            <th>{t('unit')}</th>
            {campaign.dimensions.map((d) => (
              <th key={d.id} class="c-num" title={d.hint}>
                {d.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {byRank(tally.units).map((u) => (
            <tr key={u.unitId}>
              <td>{u.name}</td>
              {campaign.dimensions.map((d) => (
                <td key={d.id} class="c-num">
                  {fmt2(u.survey.byDimension[d.id])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
