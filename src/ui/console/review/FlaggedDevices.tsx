import { useContext } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { DataQuality } from '../api-types';
import { flagText } from '../quality/QualityPage';
import { qualityMessages } from '../quality/messages';
import { reviewMessages } from './messages';

const DEFAULTS = { burstWindowMs: 5 * 60_000, burstCount: 8, identicalMin: 5, shortMedianMs: 60_000, maxPerHour: 20 };

/** The devices the data-quality signals flag, with why: what to look at before deciding. */
export function FlaggedDevices({ quality }: { quality: DataQuality }) {
  const t = useT(reviewMessages);
  const tq = useT(qualityMessages);
  const lang = useContext(LangContext);
  const flagged = (quality.devices ?? []).filter((d) => d.flags.length > 0);
  return (
    <details class="c-card" open={flagged.length > 0}>
      <summary>
        {t('flagged')} ({flagged.length})
      </summary>
      {flagged.length === 0 ? (
        <p class="c-muted">{t('flaggedNone')}</p>
      ) : (
        <ul class="c-flag-list" aria-label={t('flagged')}>
          {flagged.map((d) => (
            <li key={d.deviceId} data-device={d.deviceId}>
              <code class="c-mono">{d.deviceId}</code> · {d.collectors.join('、')} · {t('questionnaires', { n: d.questionnaires })}：
              {d.flags.map((f) => (
                <span key={f} class="c-flag">
                  {flagText(f, quality.options ?? DEFAULTS, tq, lang)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
