import { useEffect, useState } from 'preact/hooks';
import { ROSTER_STATUSES, type RosterPerson, type RosterStatus } from '../../../domain/roster';
import { decryptContact } from '../../../platform/hpke';
import type { RosterSavedAnswer } from '../../../protocol/representatives-api';
import { useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { IssueCodeDialog } from '../devices/IssueCodeDialog';
import { Button, Dialog, ErrorBanner, FormProblems, Loading } from '../ui';
import { repMessages } from './messages';
import './representatives.css';
import { RosterWorkbook } from './RosterWorkbook';

/** 代表库: the roster, its statuses (with reasons), Excel in and out, and a tablet code per person. */
export function RosterPage() {
  const t = useT(repMessages);
  const { api, campaign, campaignKey } = useConsole();
  const c = campaign!;
  const roster = useLoad(() => api.roster(c.id), [api, c.id]);
  const [editing, setEditing] = useState<RosterPerson | null>(null);
  const [codeFor, setCodeFor] = useState<RosterPerson | null>(null);
  const [saved, setSaved] = useState<RosterSavedAnswer | null>(null);
  const contacts = useOpenedContacts(roster.data, c.id, campaignKey?.privateKey ?? null);
  const group = new Map(c.raterGroups.map((g) => [g.id, g.label]));
  const unit = new Map(c.units.map((u) => [u.id, u.name]));
  const people = roster.data ?? [];
  const done = (answer: RosterSavedAnswer) => {
    setEditing(null);
    setSaved(answer);
    roster.reload();
  };

  return (
    <section aria-labelledby="roster-title">
      <h1 id="roster-title">{t('rosterHeading')}</h1>
      <p class="c-muted">{t('rosterIntro')}</p>
      {roster.error != null && <ErrorBanner error={roster.error} onRetry={roster.reload} />}
      {saved && (
        <p class="c-banner c-banner-info" role="status" data-testid="roster-saved">
          {t('saved', { size: saved.size, changed: saved.changed, removed: saved.removed })}{' '}
          {saved.revokedDevices.length > 0 && t('revokedNote', { n: saved.revokedDevices.length })}
        </p>
      )}
      {roster.data && <RosterWorkbook people={people} contacts={contacts} onSaved={done} />}
      {roster.loading && !roster.data && <Loading />}
      {roster.data && people.length === 0 && <p class="c-muted">{t('empty')}</p>}
      {people.length > 0 && (
        <div class="c-scroll">
          <table class="c-table c-compact" data-testid="roster-table">
            <thead>
              <tr>
                <th scope="col">{t('id')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('group')}</th>
                <th scope="col">{t('source')}</th>
                <th scope="col">{t('recommendedBy')}</th>
                <th scope="col">{t('units')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('contact')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-person={p.id}>
                  <td>{p.id}</td>
                  <td>{p.name}</td>
                  <td>{group.get(p.group) ?? p.group}</td>
                  <td>{p.source}</td>
                  <td>{p.recommendedBy ?? ''}</td>
                  <td>{(p.units ?? []).map((u) => unit.get(u) ?? u).join('、')}</td>
                  <td>
                    <span class={`c-status c-status-${p.status}`}>{t(`st_${p.status}`)}</span>
                    {p.reason && <div class="c-muted">{p.reason}</div>}
                  </td>
                  <td>{contacts.get(p.id) ?? (p.contact ? t('contactSealed') : '')}</td>
                  <td class="c-row-actions">
                    <Button onClick={() => setEditing(p)}>{t('changeStatus')}</Button>
                    {(p.status === 'approved' || p.status === 'appointed') && <Button onClick={() => setCodeFor(p)}>{t('issueCode')}</Button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <StatusDialog person={editing} people={people} onClose={() => setEditing(null)} onSaved={done} />}
      {codeFor && <IssueCodeDialog person={{ id: codeFor.id, name: codeFor.name }} onClose={() => setCodeFor(null)} />}
    </section>
  );
}

/** The roster's contacts opened with the campaign key, when the office has unlocked it on this page's visit. */
function useOpenedContacts(people: RosterPerson[] | undefined, campaignId: string, key: CryptoKey | null): Map<string, string> {
  const [opened, setOpened] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    if (!people || !key) {
      setOpened(new Map());
      return;
    }
    void (async () => {
      const out = new Map<string, string>();
      for (const p of people) {
        if (!p.contact) continue;
        try {
          out.set(p.id, await decryptContact(key, campaignId, p.id, p.contact));
        } catch {
          // A contact sealed for another person or key stays shown as encrypted.
        }
      }
      if (live) setOpened(out);
    })();
    return () => {
      live = false;
    };
  }, [people, campaignId, key]);
  return opened;
}

/** Changes one person's status (a reason is required to disqualify) by saving the whole roster. */
function StatusDialog({
  person,
  people,
  onClose,
  onSaved,
}: {
  person: RosterPerson;
  people: RosterPerson[];
  onClose(): void;
  onSaved(a: RosterSavedAnswer): void;
}) {
  const t = useT(repMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [status, setStatus] = useState<RosterStatus>(person.status);
  const [reason, setReason] = useState(person.reason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (status === 'disqualified' && !reason.trim()) return setProblem(t('reasonRequired'));
    setProblem(null);
    setBusy(true);
    setError(null);
    const { reason: _old, ...rest } = person;
    const changed: RosterPerson = { ...rest, status, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    try {
      onSaved(
        await api.putRoster(
          campaign!.id,
          people.map((p) => (p.id === person.id ? changed : p)),
        ),
      );
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('changeTitle', { name: person.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <fieldset class="c-field">
          <legend>{t('newStatus')}</legend>
          <div class="c-chips">
            {ROSTER_STATUSES.map((s) => (
              <label key={s} class={`c-chip ${s === status ? 'c-chip-on' : ''}`}>
                <input type="radio" name="status" value={s} checked={s === status} onChange={() => setStatus(s)} />
                {t(`st_${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <label class="c-field">
          <span>{t('reason')}</span>
          <textarea name="reason" rows={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        {status === 'disqualified' && person.status !== 'disqualified' && <p class="c-banner c-banner-warn">{t('disqualifyEffect')}</p>}
        <FormProblems problem={problem} error={error} />
        <div class="c-actions">
          <Button onClick={onClose}>{t('importCancel')}</Button>
          <Button kind={status === 'disqualified' ? 'danger' : 'primary'} type="submit" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
