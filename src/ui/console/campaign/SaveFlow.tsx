import { useState } from 'preact/hooks';
import type { CampaignChange } from '../../../domain/campaign-diff';
import { useT } from '../../i18n';
import { ApiError } from '../api';
import type { Campaign } from '../api-types';
import { useConsole } from '../context';
import { Button, ErrorBanner } from '../ui';
import { ChangeList } from './ChangeList';
import { setupMessages } from './messages';

type State =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; version: number; unchanged: boolean }
  | { kind: 'confirm'; changes: CampaignChange[] }
  | { kind: 'in-use'; units: string[] }
  | { kind: 'failed'; error: unknown };

/**
 * Saves a definition as a new version. When the server answers that the change re-scores units,
 * it names the effect and the changes, and saves only after the office confirms.
 */
export function SaveFlow({ draft, current, onSaved }: { draft: Campaign; current: Campaign; onSaved(version: number): void }) {
  const { api } = useConsole();
  const t = useT(setupMessages);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const save = async (confirm: boolean) => {
    setState({ kind: 'saving' });
    try {
      const { version } = await api.putCampaign(draft, confirm);
      setState({ kind: 'saved', version, unchanged: version === current.version });
      onSaved(version);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'rescore-needs-confirm') setState({ kind: 'confirm', changes: (e.details.changes as CampaignChange[]) ?? [] });
      else if (e instanceof ApiError && e.code === 'unit-in-use') setState({ kind: 'in-use', units: (e.details.units as string[]) ?? [] });
      else setState({ kind: 'failed', error: e });
    }
  };
  const names = (ids: string[]) => ids.map((id) => current.units.find((u) => u.id === id)?.name ?? id).join('、');
  return (
    <div class="c-save">
      {state.kind !== 'confirm' && (
        <Button kind="primary" onClick={() => save(false)} disabled={state.kind === 'saving'} data-testid="save-campaign">
          {t('save')}
        </Button>
      )}
      {state.kind === 'saved' && (
        <p class="c-banner c-banner-ok" role="status">
          {state.unchanged ? t('unchanged') : t('saved', { n: state.version })}
        </p>
      )}
      {state.kind === 'in-use' && (
        <p class="c-banner c-banner-error" role="alert">
          {t('unitInUse', { units: names(state.units) })}
        </p>
      )}
      {state.kind === 'failed' && <ErrorBanner error={state.error} />}
      {state.kind === 'confirm' && (
        <div class="c-banner c-banner-warn" role="alert" data-testid="rescore-confirm">
          <strong>{t('rescoreTitle')}</strong>
          <p>{t('rescoreBody')}</p>
          <ChangeList changes={state.changes} />
          <Button kind="primary" onClick={() => save(true)} data-testid="confirm-rescore">
            {t('confirm')}
          </Button>{' '}
          <Button onClick={() => setState({ kind: 'idle' })}>{t('cancel')}</Button>
        </div>
      )}
    </div>
  );
}
