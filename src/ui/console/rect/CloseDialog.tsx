import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { RectItemView } from '../api-types';
import { useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { Button, Dialog, ReasonField } from '../ui';
import { rectMessages } from './messages';

/** Closes an item (an office action): names the item, asks for the reason (required), then sends it. */
export function CloseDialog(props: { item: RectItemView; unitName: string; onClose(): void; onDone(): void }) {
  const t = useT(rectMessages);
  const ts = useT(shellMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    if (reason.trim() === '') return setProblem(t('reasonMissing'));
    setBusy(true);
    setError(null);
    try {
      await api.closeRectification(campaign!.id, props.item.id, reason.trim());
      props.onDone();
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('closeTitle')} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>{t('closeWhat', { unit: props.unitName, problem: props.item.problem })}</p>
        <ReasonField label={t('closeReason')} rows={3} value={reason} onInput={setReason} problem={problem} error={error} invalid={problem !== null} />
        <div class="c-actions">
          <Button onClick={props.onClose}>{ts('cancel')}</Button>
          <Button type="submit" kind="danger" disabled={busy}>
            {busy ? t('closing') : t('closeConfirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
