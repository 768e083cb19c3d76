import { useContext } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { ReviewItem } from '../api-types';
import { useConsole } from '../context';
import { Button, fmtTime } from '../ui';
import { reasonText } from './group';
import { reviewMessages } from './messages';

const STATE_KEY = { held: 'sHeld', accepted: 'sAccepted', excluded: 'sExcluded', counted: 'sCounted' } as const;

/** One device's questionnaires in seq order, each with why it is held; chosen ones are ticked. */
export function DeviceGroup(props: {
  deviceId: string;
  items: ReviewItem[];
  chosen: Set<string>;
  onToggle(hashes: string[], on: boolean): void;
  onRange(): void;
}) {
  const t = useT(reviewMessages);
  const lang = useContext(LangContext);
  const { campaign } = useConsole();
  const unitName = (id: string) => campaign!.units.find((u) => u.id === id)?.name ?? id;
  const all = props.items.every((i) => props.chosen.has(i.hash));
  return (
    <section class="c-card c-review-device" data-device={props.deviceId}>
      <div class="c-page-head">
        <h2>
          {t('device')} <code class="c-mono">{props.deviceId}</code> · {t('questionnaires', { n: props.items.length })}
        </h2>
        <label>
          <input
            type="checkbox"
            checked={all}
            onChange={(e) =>
              props.onToggle(
                props.items.map((i) => i.hash),
                e.currentTarget.checked,
              )
            }
          />{' '}
          {t('selectAll')}
        </label>
        <Button onClick={props.onRange}>{t('range')}</Button>
      </div>
      <div class="c-scroll">
        <table class="c-table c-compact" aria-label={`${t('device')} ${props.deviceId}`}>
          <thead>
            <tr>
              <th />
              <th class="c-num">{t('seq')}</th>
              <th>{t('collector')}</th>
              <th>{t('unit')}</th>
              <th>{t('sealedAt')}</th>
              <th>{t('reasons')}</th>
              <th>{t('state')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr key={i.hash} data-hash={i.hash}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('seq')} ${i.seq}`}
                    checked={props.chosen.has(i.hash)}
                    onChange={(e) => props.onToggle([i.hash], e.currentTarget.checked)}
                  />
                </td>
                <td class="c-num">{i.seq}</td>
                <td>{i.collector}</td>
                <td>{unitName(i.unitId)}</td>
                <td>{fmtTime(i.sealedAt, lang)}</td>
                <td>{i.reasons.map((r) => reasonText(r, campaign!, t)).join('；')}</td>
                <td>{t(STATE_KEY[i.state])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
