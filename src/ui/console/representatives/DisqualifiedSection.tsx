import { useState } from 'preact/hooks';
import type { RosterPerson } from '../../../domain/roster';
import { ApiError } from '../api';
import type { DeviceRow } from '../api-types';
import { useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, Dialog, ErrorBanner } from '../ui';
import { repMessages } from './messages';

/**
 * On 审核: the disqualified representatives whose tablets sent something, each with an offer to
 * exclude all their questionnaires as a review decision carrying the disqualification's reason.
 */
export function DisqualifiedSection({ onDecided }: { onDecided(): void }) {
  const t = useT(repMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const roster = useLoad(() => api.roster(c.id), [api, c.id]);
  const devices = useLoad(() => api.devices(), [api]);
  const [target, setTarget] = useState<{ person: RosterPerson; devices: DeviceRow[] } | null>(null);
  const [done, setDone] = useState<{ name: string; n: number } | null>(null);
  const disqualified = (roster.data ?? []).filter((p) => p.status === 'disqualified');
  const theirs = (p: RosterPerson) => (devices.data ?? []).filter((d) => d.campaignId === c.id && d.collector === p.id && d.headSeq > 0);
  if (disqualified.length === 0) return null;

  return (
    <section class="c-card" aria-labelledby="disqualified-title" data-testid="review-disqualified">
      <h2 id="disqualified-title">{t('reviewDisqualified')}</h2>
      <p class="c-muted">{t('reviewDisqualifiedIntro')}</p>
      {done && (
        <p class="c-banner c-banner-ok" role="status">
          {done.name}：{t('reviewExcluded', { n: done.n })}
        </p>
      )}
      <ul class="c-plain-list">
        {disqualified.map((p) => {
          const ds = theirs(p);
          return (
            <li key={p.id} data-person={p.id}>
              <strong>
                {p.name}（{p.id}）
              </strong>{' '}
              <span class="c-muted">{p.reason}</span>{' '}
              {ds.length > 0 ? (
                <Button kind="danger" onClick={() => setTarget({ person: p, devices: ds })}>
                  {t('reviewExcludeDo')}
                </Button>
              ) : (
                <span class="c-muted">{t('reviewNoDevices')}</span>
              )}
            </li>
          );
        })}
      </ul>
      {target && (
        <ExcludeDialog
          person={target.person}
          devices={target.devices}
          onClose={() => setTarget(null)}
          onDone={(n) => {
            setTarget(null);
            setDone({ name: target.person.name, n });
            onDecided();
          }}
        />
      )}
    </section>
  );
}

function ExcludeDialog({ person, devices, onClose, onDone }: { person: RosterPerson; devices: DeviceRow[]; onClose(): void; onDone(n: number): void }) {
  const t = useT(repMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [reason, setReason] = useState(person.reason ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function exclude(e: Event) {
    e.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    let n = 0;
    try {
      for (const d of devices) {
        try {
          n += await api.decide(campaign!.id, { decision: 'exclude', deviceId: d.deviceId, fromSeq: 1, toSeq: d.headSeq, reason: reason.trim() });
        } catch (err) {
          // A tablet with nothing left to exclude (only other record types, or all excluded already) is not a failure.
          if (!(err instanceof ApiError && err.code === 'invalid-decision')) throw err;
        }
      }
      onDone(n);
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('reviewExcludeTitle', { name: person.name })} onClose={onClose}>
      <form onSubmit={exclude} noValidate>
        <p>{t('reviewExcludeEffect', { n: devices.length })}</p>
        <label class="c-field">
          <span>{t('reason')}</span>
          <textarea name="reason" rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {error != null && <ErrorBanner error={error} />}
        <div class="c-actions">
          <Button onClick={onClose}>{t('importCancel')}</Button>
          <Button kind="danger" type="submit" disabled={busy || !reason.trim()} data-testid="exclude-disqualified">
            {busy ? t('saving') : t('reviewExcludeDo')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
