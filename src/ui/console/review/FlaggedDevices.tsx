import { useT } from '../../i18n';
import type { DataQuality } from '../api-types';
import { Flags, QUALITY_DEFAULTS } from '../quality/QualityPage';
import { reviewMessages } from './messages';

/** The devices the data-quality signals flag, with why: what to look at before deciding. */
export function FlaggedDevices({ quality }: { quality: DataQuality }) {
  const t = useT(reviewMessages);
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
              <Flags flags={d.flags} options={quality.options ?? QUALITY_DEFAULTS} plain />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
