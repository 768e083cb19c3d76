import { useContext } from 'preact/hooks';
import { formatDuration, formatTime } from '../../components/format';
import { LangContext, useT, type Lang, type Translate } from '../../i18n';
import type { CollectorQuality, QualityOptions } from '../api-types';
import { useConsole, useLoad } from '../context';
import { LoadStatus, PageHead } from '../ui';
import { DeviceQualityTable } from './DeviceQualityTable';
import { qualityMessages, type QualityKey } from './messages';

/** The thresholds the server applies unless the campaign sets others (an answer without `options`). */
export const QUALITY_DEFAULTS: QualityOptions = { burstWindowMs: 5 * 60_000, burstCount: 8, identicalMin: 5, shortMedianMs: 60_000, maxPerHour: 20 };

/** Whole minutes read as minutes (5 分钟), anything else as minutes and seconds. */
function span(ms: number, lang: Lang): string {
  if (ms % 60_000 !== 0) return formatDuration(ms, lang);
  const m = ms / 60_000;
  return lang === 'en' ? `${m} min` : `${m} ${lang === 'zh-Hant' ? '分鐘' : '分钟'}`;
}

/** A flag in words, with the threshold the server applied; an unknown code is shown as it is. */
function flagText(flag: string, o: QualityOptions, t: Translate<QualityKey>, lang: Lang): string {
  switch (flag) {
    case 'high-rate':
      return t('fHighRate', { n: o.maxPerHour });
    case 'short-durations':
      return t('fShort', { d: span(o.shortMedianMs, lang) });
    case 'bursts':
      return t('fBursts', { n: o.burstCount, d: span(o.burstWindowMs, lang) });
    case 'identical-answers':
      return t('fIdentical', { n: o.identicalMin });
    case 'overlapping-times':
      return t('fOverlap');
    case 'impossible-spacing':
      return t('fSpacing');
    case 'late-receipt':
      return t('fLate');
    case 'out-of-order':
      return t('fOrder');
    case 'held':
      return t('fHeld');
    default:
      return flag;
  }
}

/**
 * A row's flags in words (or that there are none), each with the threshold the server applied;
 * `plain` without the review colour.
 */
export function Flags({ flags, options, plain = false }: { flags: string[]; options: QualityOptions; plain?: boolean }) {
  const t = useT(qualityMessages);
  const lang = useContext(LangContext);
  if (flags.length === 0) return <span class="c-muted">{t('nothing')}</span>;
  return (
    <>
      {flags.map((f) => (
        <span key={f} class={plain ? 'c-flag' : 'c-flag c-flag-review'}>
          {flagText(f, options, t, lang)}
        </span>
      ))}
    </>
  );
}

/** A box plot of time taken on a shared axis, so collectors compare at a glance. */
export function DurationBox({ d, maxMs }: { d: NonNullable<CollectorQuality['durationMs']>; maxMs: number }) {
  const W = 220;
  const x = (ms: number) => 4 + (Math.min(ms, maxMs) / maxMs) * (W - 8);
  return (
    <svg width={W} height={24} viewBox={`0 0 ${W} 24`} class="c-box" aria-hidden="true">
      <line x1={x(d.min)} x2={x(d.max)} y1={12} y2={12} class="c-box-whisker" />
      <rect x={x(d.p25)} y={5} width={Math.max(1, x(d.p75) - x(d.p25))} height={14} class="c-box-body" />
      <line x1={x(d.median)} x2={x(d.median)} y1={3} y2={21} class="c-box-median" />
    </svg>
  );
}

/** Per collector: volume, speed, bursts and identical answers; flagged for review, never deleted. */
export function QualityPage() {
  const t = useT(qualityMessages);
  const lang = useContext(LangContext);
  const { api, campaign } = useConsole();
  const q = useLoad(() => api.dataQuality(campaign!.id), [api, campaign!.id]);
  const rows = [...(q.data?.collectors ?? [])].sort((a, b) => b.flags.length - a.flags.length || a.collector.localeCompare(b.collector));
  const options = q.data?.options ?? QUALITY_DEFAULTS;
  const maxMs = Math.max(60_000, ...rows.map((r) => r.durationMs?.max ?? 0));
  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <LoadStatus load={q} />
      {q.data && rows.length === 0 && <p class="c-empty">{t('none')}</p>}
      {q.data?.devices && q.data.devices.length > 0 && <DeviceQualityTable devices={q.data.devices} options={options} />}
      {rows.length > 0 && <h2>{t('byCollector')}</h2>}
      {rows.length > 0 && (
        <table class="c-table" aria-label={t('heading')}>
          <thead>
            <tr>
              <th>{t('collector')}</th>
              <th class="c-num">{t('questionnaires')}</th>
              <th class="c-num">{t('perHour')}</th>
              <th>
                {t('duration')}
                <div class="c-small c-muted">{t('durationLegend')}</div>
              </th>
              <th>{t('bursts')}</th>
              <th>{t('identical')}</th>
              <th>{t('flags')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.collector} data-collector={r.collector} class={r.flags.length ? 'c-row-flag' : ''}>
                <td>{r.collector}</td>
                <td class="c-num">{r.questionnaires}</td>
                <td class="c-num">{t('perHourCell', { avg: r.perActiveHour.toFixed(1), max: r.maxPerHour })}</td>
                <td>
                  {r.durationMs ? (
                    <>
                      <DurationBox d={r.durationMs} maxMs={maxMs} />
                      <div class="c-small c-muted">
                        {formatDuration(r.durationMs.min, lang)} · {formatDuration(r.durationMs.median, lang)} · {formatDuration(r.durationMs.max, lang)}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {r.bursts.length === 0 ? (
                    '—'
                  ) : (
                    <ul class="c-small">
                      {r.bursts.map((b, i) => (
                        <li key={i}>{t('burstItem', { n: b.count, from: formatTime(b.from, lang) })}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {r.identicalPatterns.length === 0 ? (
                    '—'
                  ) : (
                    <ul class="c-small">
                      {r.identicalPatterns.map((p, i) => (
                        <li key={i} title={p.recordIds.join('\n')}>
                          {t('identicalItem', { n: p.count })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <Flags flags={r.flags} options={options} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
