import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { useConsole, useLoad } from '../context';
import { Button, ErrorBanner, fmtTime, Loading } from '../ui';
import { vetoMessages } from './veto-messages';
import { useLang } from './useLang';

const MAX_REASON = 2000;

/**
 * 一票否决: the units the office vetoes, each with its reason (PUT …/vetoes sets the whole map; a
 * vetoed unit keeps its scores, is unranked and listed after the ranked units). Imposing and
 * lifting are both logged as office actions by the server.
 */
export function VetoSection({ campaign }: { campaign: Campaign }) {
  const { api } = useConsole();
  const t = useT(vetoMessages);
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const state = useLoad(() => api.vetoes(campaign.id), [api, campaign.id, refresh]);
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (state.error) return <ErrorBanner error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const vetoes = state.data.vetoes;
  const name = (id: string) => campaign.units.find((u) => u.id === id)?.name ?? id;
  const open = campaign.units.filter((u) => !Object.hasOwn(vetoes, u.id));
  const problem = reason.trim() === '' ? t('reasonRequired') : reason.length > MAX_REASON ? t('reasonTooLong', { max: MAX_REASON }) : '';
  const save = async (next: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      await api.putVetoes(campaign.id, next);
      setUnit('');
      setReason('');
      setTouched(false);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const without = (id: string) => Object.fromEntries(Object.entries(vetoes).filter(([u]) => u !== id));
  return (
    <section aria-labelledby="veto-title" data-testid="vetoes">
      <h2 id="veto-title">{t('title')}</h2>
      <p class="c-muted">{t('hint')}</p>
      {Object.keys(vetoes).length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul class="c-changes">
          {Object.entries(vetoes).map(([id, why]) => (
            <li key={id}>
              <strong>{name(id)}</strong>：{why}{' '}
              <Button onClick={() => void save(without(id))} disabled={busy} aria-label={t('liftNamed', { name: name(id) })}>
                {t('lift')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {state.data.setAt && <p class="c-muted">{t('setBy', { when: fmtTime(state.data.setAt, lang), who: state.data.setBy ?? '' })}</p>}
      <div class="c-ed-row">
        <div class="c-field c-ed-field">
          <label for="veto-unit">{t('unit')}</label>
          <select id="veto-unit" value={unit} data-testid="veto-unit" onChange={(e) => setUnit(e.currentTarget.value)}>
            <option value="">{t('choose')}</option>
            {open.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="c-field c-ed-field c-ed-wide">
          <label for="veto-reason">{t('reason')}</label>
          <textarea
            id="veto-reason"
            rows={2}
            value={reason}
            data-testid="veto-reason"
            aria-invalid={touched && !!problem}
            aria-describedby={touched && problem ? 'veto-reason-problem' : undefined}
            onInput={(e) => (setReason(e.currentTarget.value), setTouched(true))}
          />
          {touched && problem && (
            <span class="c-field-problem" id="veto-reason-problem" role="alert">
              {problem}
            </span>
          )}
        </div>
      </div>
      <Button kind="danger" disabled={busy || !unit || !!problem} onClick={() => void save({ ...vetoes, [unit]: reason.trim() })} data-testid="veto-save">
        {t('veto')}
      </Button>
      {error != null && <ErrorBanner error={error} />}
    </section>
  );
}
