import { useT } from '../../i18n';
import { num, str, strs, toggleIn, unitOptions, withField } from '../common/body';
import { MultiChips } from '../common/Chips';
import type { EditorProps } from '../common/editor';
import { TextInput, TimeInput } from '../common/Inputs';
import { fixOf, LocationField } from '../common/LocationField';
import { common } from '../common/messages';
import { Question } from '../common/Question';
import { ComplaintList } from './ComplaintList';
import { stallMessages } from './messages';

/** A stall's log: where, who took part, open and close (one tap each), visitors (+1), complaints. */
export function StallEditor(p: EditorProps) {
  const t = useT(stallMessages);
  const tc = useT(common);
  const c = p.campaign;
  const b = p.body;
  const set = (key: string, v: unknown) => p.onBody(withField(b, key, v));
  const bad = (a: string) => p.invalid.has(a);
  const visitors = num(b.visitors);
  const stamp = (key: 'openedAt' | 'closedAt', now: string, label: string) =>
    str(b[key]) ? (
      <TimeInput id={`stall-${key}`} label={label} value={str(b[key])} nowLabel={tc('now')} onChange={(v) => set(key, v)} />
    ) : (
      <button type="button" class="btn btn-primary btn-large" onClick={() => set(key, new Date().toISOString())}>
        {now}
      </button>
    );
  return (
    <div class="form-body">
      <Question anchor="place" label={t('place')} invalid={bad('place')}>
        <TextInput id="stall-place" label={t('place')} placeholder={t('placeHint')} value={str(b.place)} maxLength={200} onInput={(v) => set('place', v)} />
      </Question>
      <Question anchor="units" label={t('units')} invalid={bad('units')}>
        <MultiChips
          label={t('units')}
          options={unitOptions(c)}
          value={strs(b.unitIds)}
          onToggle={(id) =>
            set(
              'unitIds',
              toggleIn(
                strs(b.unitIds),
                id,
                c.units.map((u) => u.id),
              ),
            )
          }
        />
      </Question>
      <div class="stall-times">
        <Question anchor="openedAt" label={t('openedAt')} invalid={bad('openedAt')}>
          {stamp('openedAt', t('open'), t('openedAt'))}
        </Question>
        <Question anchor="closedAt" label={t('closedAt')} invalid={bad('closedAt')}>
          {stamp('closedAt', t('close'), t('closedAt'))}
        </Question>
      </div>
      <Question anchor="visitors" label={t('visitors')}>
        <div class="visitors">
          <span class="visitors-count" aria-live="polite" aria-label={t('visitorsNow', { n: visitors })}>
            {visitors}
          </span>
          <button type="button" class="btn btn-primary plus-one" onClick={() => p.onBody({ ...b, visitors: visitors + 1 })}>
            {t('plusOne')}
          </button>
          <button type="button" class="btn btn-secondary" disabled={visitors <= 0} onClick={() => p.onBody({ ...b, visitors: Math.max(0, visitors - 1) })}>
            {t('minusOne')}
          </button>
        </div>
      </Question>
      <LocationField value={fixOf(b.location)} onChange={(fix) => set('location', fix)} />
      <ComplaintList campaign={c} body={b} secret={p.secret} onBody={p.onBody} onSecret={p.onSecret} invalid={p.invalid} canSeal={p.canSeal} />
    </div>
  );
}
