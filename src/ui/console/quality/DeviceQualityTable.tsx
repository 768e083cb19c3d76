import { useT } from '../../i18n';
import type { DeviceQuality, QualityOptions } from '../api-types';
import { qualityMessages } from './messages';
import { Flags } from './QualityPage';

const n = (x: number | undefined) => (x ? String(x) : '—');

/** Per device, on the server's evidence: held, overlapping times, impossible spacing, late, out of order. */
export function DeviceQualityTable({ devices, options }: { devices: DeviceQuality[]; options: QualityOptions }) {
  const t = useT(qualityMessages);
  const rows = [...devices].sort((a, b) => b.flags.length - a.flags.length || a.deviceId.localeCompare(b.deviceId));
  return (
    <>
      <h2>{t('byDevice')}</h2>
      <p class="c-muted c-small">{t('deviceIntro')}</p>
      <table class="c-table" aria-label={t('byDevice')}>
        <thead>
          <tr>
            <th>{t('device')}</th>
            <th>{t('collectors')}</th>
            <th class="c-num">{t('questionnaires')}</th>
            <th class="c-num">{t('held')}</th>
            <th class="c-num">{t('overlapping')}</th>
            <th class="c-num">{t('spacing')}</th>
            <th class="c-num">{t('late')}</th>
            <th class="c-num">{t('outOfOrder')}</th>
            <th>{t('flags')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.deviceId} data-device={d.deviceId} class={d.flags.length ? 'c-row-flag' : ''}>
              <td>
                <code class="c-mono">{d.deviceId}</code>
              </td>
              <td>{d.collectors.join('、')}</td>
              <td class="c-num">{d.questionnaires}</td>
              <td class="c-num">{n(d.held)}</td>
              <td class="c-num">{n(d.overlapping?.count)}</td>
              <td class="c-num">{d.impossibleSpacing?.count ? `${d.impossibleSpacing.count} (${d.impossibleSpacing.longestRun})` : '—'}</td>
              <td class="c-num">{n(d.lateReceipts?.count)}</td>
              <td class="c-num">{n(d.outOfOrder)}</td>
              <td>
                <Flags flags={d.flags} options={options} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
