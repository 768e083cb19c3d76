import { useState } from 'preact/hooks';
import type { Campaign } from '../../../domain/campaign';
import { useT } from '../../i18n';
import { SingleChips } from '../common/Chips';
import { Question } from '../common/Question';
import { common } from '../common/messages';
import { f2fMessages } from './messages';
import { CHANNELS, type Channel } from './model';
import type { F2fSetup } from './setup';

/** Units grouped by category, so a long list stays scannable; retired units take no new questionnaires. */
function byCategory(c: Campaign): [string, { value: string; label: string }[]][] {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const u of c.units) {
    if (u.retired) continue;
    const list = groups.get(u.category) ?? [];
    list.push({ value: u.id, label: u.name });
    groups.set(u.category, list);
  }
  return [...groups];
}

/** Chooses the unit and the place once; everything after is per respondent. */
export function F2fSetupPicker(props: { campaign: Campaign; initial?: F2fSetup; onDone(setup: F2fSetup): void; onCancel?(): void }) {
  const t = useT(f2fMessages);
  const tc = useT(common);
  const [unitId, setUnit] = useState<string | undefined>(props.initial?.unitId);
  const [channel, setChannel] = useState<string | undefined>(props.initial?.channel ?? 'stall');
  return (
    <div class="f2f-setup">
      <p class="form-lead">{t('setupTitle')}</p>
      <Question anchor="unit" label={t('unit')}>
        {byCategory(props.campaign).map(([cat, units]) => (
          <div class="unit-group" key={cat}>
            {cat && <span class="unit-group-label">{cat}</span>}
            <SingleChips big label={cat || t('unit')} options={units} value={unitId} onChange={setUnit} />
          </div>
        ))}
      </Question>
      <Question anchor="channel" label={t('channel')}>
        <SingleChips big label={t('channel')} options={CHANNELS.map((ch) => ({ value: ch, label: t(`ch_${ch}`) }))} value={channel} onChange={setChannel} />
      </Question>
      <div class="seal-row">
        {props.onCancel && (
          <button type="button" class="btn btn-secondary btn-large" onClick={props.onCancel}>
            {tc('cancel')}
          </button>
        )}
        <button
          type="button"
          class="btn btn-primary btn-large seal-btn"
          disabled={!unitId || !channel}
          onClick={() => props.onDone({ unitId: unitId!, channel: channel as Channel })}
        >
          {t('start')}
        </button>
      </div>
    </div>
  );
}
