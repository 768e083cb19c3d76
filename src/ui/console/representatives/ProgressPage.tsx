import { useContext } from 'preact/hooks';
import type { ProgressAnswer } from '../../../protocol/representatives-api';
import { LangContext, useT } from '../../i18n';
import { useConsole, useLoad } from '../context';
import { Button, LoadStatus, fmtTime } from '../ui';
import { repMessages } from './messages';
import { QuotasEditor } from './QuotasEditor';
import './representatives.css';

type UnitProgress = ProgressAnswer['units'][number];

/** A unit is behind when any group with a target has returned fewer than it. */
export function isBehind(u: UnitProgress): boolean {
  return Object.values(u.byGroup).some((g) => g.quota !== null && g.returned < g.quota);
}

/** How many days of each representative the table shows, the latest first. */
const DAYS_SHOWN = 7;

/**
 * 进度, the coordinator's daily view (phone-sized screens too): per unit and rater group the target,
 * issued and returned with a bar, units behind their target first and highlighted; per
 * representative the questionnaires of the last days and their tablet's last sync.
 */
export function ProgressPage() {
  const t = useT(repMessages);
  const lang = useContext(LangContext);
  const { api, campaign, me } = useConsole();
  const c = campaign!;
  const progress = useLoad(() => api.progress(c.id), [api, c.id]);
  const unitName = new Map(c.units.map((u) => [u.id, u.name]));
  const groups = c.raterGroups;
  const units = [...(progress.data?.units ?? [])].sort((a, b) => Number(isBehind(b)) - Number(isBehind(a)));
  const collectors = progress.data?.collectors ?? [];
  const days = [...new Set(collectors.flatMap((x) => Object.keys(x.byDay)))].sort().reverse().slice(0, DAYS_SHOWN);

  return (
    <section aria-labelledby="progress-title" class="c-progress">
      <h1 id="progress-title">{t('progressHeading')}</h1>
      <p class="c-muted">{t('progressIntro')}</p>
      <Button onClick={progress.reload}>{t('refresh')}</Button>
      <LoadStatus load={progress} />
      <div class="c-unit-cards" data-testid="progress-units">
        {units.map((u) => {
          const behind = isBehind(u);
          return (
            <article key={u.unitId} class={`c-unit-card ${behind ? 'c-behind' : ''}`} data-unit={u.unitId} data-behind={behind ? 'yes' : 'no'}>
              <h2>
                {unitName.get(u.unitId) ?? u.unitId} {behind && <span class="c-behind-tag">{t('behind')}</span>}
              </h2>
              {groups.map((g) => {
                const p = u.byGroup[g.id] ?? { quota: null, issued: null, returned: 0 };
                const pct = p.quota ? Math.min(100, Math.round((p.returned / p.quota) * 100)) : 0;
                return (
                  <div key={g.id} class="c-meter-row" data-group={g.id}>
                    <span class="c-meter-label">{g.label}</span>
                    <span class="c-meter-figures" data-testid={`figures-${u.unitId}-${g.id}`}>
                      {t('returned')} {p.returned}
                      {p.quota !== null ? ` / ${t('quota')} ${p.quota}` : ` · ${t('noQuota')}`}
                      {p.issued !== null ? ` · ${t('issued')} ${p.issued}` : ''}
                    </span>
                    {p.quota !== null && (
                      <div
                        class="c-meter"
                        role="progressbar"
                        aria-label={`${unitName.get(u.unitId) ?? u.unitId} ${g.label}`}
                        aria-valuemin={0}
                        aria-valuemax={p.quota}
                        aria-valuenow={Math.min(p.returned, p.quota)}
                      >
                        <div class="c-meter-fill" style={{ width: `${pct}%` }} />
                      </div>
                    )}
                  </div>
                );
              })}
            </article>
          );
        })}
      </div>

      <h2>{t('perCollector')}</h2>
      <div class="c-scroll">
        <table class="c-table c-compact" data-testid="progress-collectors">
          <thead>
            <tr>
              <th scope="col">{t('collector')}</th>
              <th scope="col">{t('lastSync')}</th>
              {days.map((d) => (
                <th key={d} scope="col" class="c-num">
                  {d.slice(5)}
                </th>
              ))}
              <th scope="col" class="c-num">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {collectors.map((x) => (
              <tr key={x.collector} data-collector={x.collector}>
                <th scope="row">{x.name ? `${x.name}（${x.collector}）` : x.collector}</th>
                <td>{x.lastSyncAt ? fmtTime(x.lastSyncAt, lang) : t('never')}</td>
                {days.map((d) => (
                  <td key={d} class="c-num">
                    {x.byDay[d] ?? 0}
                  </td>
                ))}
                <td class="c-num">{Object.values(x.byDay).reduce((a, b) => a + b, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {me.role === 'office-admin' && <QuotasEditor onSaved={progress.reload} />}
    </section>
  );
}
