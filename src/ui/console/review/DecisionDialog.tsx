import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { ReviewDecisionRequest } from '../api-types';
import { useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { Button, Dialog, ReasonField } from '../ui';
import { reviewMessages } from './messages';

/** What the dialog decides: chosen questionnaires (the decision already picked), or a device's range. */
export type DecisionTarget =
  { kind: 'hashes'; decision: 'accept' | 'exclude'; hashes: string[] } | { kind: 'range'; deviceId: string; fromSeq: number; toSeq: number };

/** Asks for the reason (always required) and, for a range, the seqs and the decision; then sends it. */
export function DecisionDialog({ target, onClose, onDone }: { target: DecisionTarget; onClose(): void; onDone(n: number): void }) {
  const t = useT(reviewMessages);
  const ts = useT(shellMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<'accept' | 'exclude'>(target.kind === 'hashes' ? target.decision : 'exclude');
  const [from, setFrom] = useState(String(target.kind === 'range' ? target.fromSeq : ''));
  const [to, setTo] = useState(String(target.kind === 'range' ? target.toSeq : ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    if (reason.trim() === '') return setProblem(t('reasonMissing'));
    let body: ReviewDecisionRequest;
    if (target.kind === 'hashes') body = { decision, hashes: target.hashes, reason: reason.trim() };
    else {
      const fromSeq = Number(from);
      const toSeq = Number(to);
      if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(toSeq) || fromSeq < 1 || fromSeq > toSeq) return setProblem(t('rangeBad'));
      body = { decision, deviceId: target.deviceId, fromSeq, toSeq, reason: reason.trim() };
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await api.decide(campaign!.id, body));
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
      setBusy(false);
    }
  }

  const title =
    target.kind === 'hashes' ? t('decideTitle', { decision: t(target.decision), n: target.hashes.length }) : t('rangeTitle', { device: target.deviceId });
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit}>
        {target.kind === 'range' && (
          <>
            <label class="c-field">
              <span>{t('fromSeq')}</span>
              <input type="number" min={1} value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            </label>
            <label class="c-field">
              <span>{t('toSeq')}</span>
              <input type="number" min={1} value={to} onInput={(e) => setTo(e.currentTarget.value)} />
            </label>
            <label class="c-field">
              <span>{t('decision')}</span>
              <select value={decision} onChange={(e) => setDecision(e.currentTarget.value as 'accept' | 'exclude')}>
                <option value="exclude">{t('exclude')}</option>
                <option value="accept">{t('accept')}</option>
              </select>
            </label>
          </>
        )}
        <ReasonField label={t('reason')} rows={3} value={reason} onInput={setReason} problem={problem} error={error} />
        <div class="c-actions">
          <Button onClick={onClose}>{ts('cancel')}</Button>
          <Button type="submit" kind={decision === 'exclude' ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('working') : t('confirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
