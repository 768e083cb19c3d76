import { useState } from 'preact/hooks';
import { currentFix, deviceGeolocation, formatFix, parseManualPosition, type Fix, type FixFailure } from '../../../platform/geolocation';
import { useT } from '../../i18n';
import { common } from './messages';
import { placeMessages } from './place-messages';
import { Question } from './Question';

/**
 * The location of a finding or stall: from the device with its accuracy, or typed in when there
 * is no fix (indoors, permission refused); the place text is the last fallback.
 */
export function LocationField(props: { value: Fix | undefined; onChange(fix: Fix | undefined): void; geolocation?: Pick<Geolocation, 'getCurrentPosition'> }) {
  const t = useT(placeMessages);
  const tc = useT(common);
  const [state, setState] = useState<'idle' | 'locating' | FixFailure>('idle');
  const [manualOpen, setManualOpen] = useState(false);
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  const locate = async () => {
    setState('locating');
    const r = await currentFix(props.geolocation ?? deviceGeolocation());
    if (r.ok) {
      setState('idle');
      props.onChange(r.fix);
    } else {
      setState(r.reason);
      setManualOpen(true);
    }
  };
  const useTyped = () => {
    const fix = parseManualPosition(text);
    setBad(!fix);
    if (fix) {
      props.onChange(fix);
      setManualOpen(false);
    }
  };
  const v = props.value;
  const failed = state !== 'idle' && state !== 'locating';
  return (
    <Question anchor="location" label={t('location')} optional={tc('optional')}>
      <div class="loc">
        {v && (
          <p class="loc-value" data-testid="location-value">
            {v.source === 'manual' ? t('typed', { pos: formatFix(v) }) : t('located', { pos: formatFix(v), acc: v.accuracyM })}
          </p>
        )}
        <div class="row">
          <button type="button" class="btn btn-secondary" disabled={state === 'locating'} onClick={() => void locate()}>
            {state === 'locating' ? t('locating') : v ? t('relocate') : t('locate')}
          </button>
          {!manualOpen && (
            <button type="button" class="btn btn-quiet" onClick={() => setManualOpen(true)}>
              {t('manual')}
            </button>
          )}
          {v && (
            <button type="button" class="btn btn-quiet" onClick={() => props.onChange(undefined)}>
              {t('clear')}
            </button>
          )}
        </div>
        {failed && (
          <p class="form-error" role="alert">
            {t(`fail_${state}`)} {t('fallback')}
          </p>
        )}
        {manualOpen && (
          <div class="row">
            <input
              class="input loc-input"
              inputMode="decimal"
              aria-label={t('manualLabel')}
              placeholder={t('manualHint')}
              value={text}
              onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="button" class="btn btn-secondary" onClick={useTyped}>
              {t('manualUse')}
            </button>
          </div>
        )}
        {bad && (
          <p class="form-error" role="alert">
            {t('manualBad')}
          </p>
        )}
      </div>
    </Question>
  );
}

/** A body's location as a Fix (drafts keep it exactly as the record will). */
export function fixOf(v: unknown): Fix | undefined {
  const o = v as Partial<Fix> | undefined;
  return o && typeof o.latE6 === 'number' && typeof o.lonE6 === 'number' && typeof o.accuracyM === 'number'
    ? { latE6: o.latE6, lonE6: o.lonE6, accuracyM: o.accuracyM, source: o.source === 'manual' ? 'manual' : 'device' }
    : undefined;
}
