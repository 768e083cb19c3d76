import { useState } from 'preact/hooks';
import { rosterChange, type RosterPerson } from '../../../domain/roster';
import { encryptContact } from '../../../platform/hpke';
import type { RosterSavedAnswer } from '../../../protocol/representatives-api';
import { useT } from '../../i18n';
import { useConsole, useRefused } from '../context';
import { Button, ErrorBanner } from '../ui';
import { repMessages } from './messages';
import type { RosterProblemAt } from './roster-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The roster in and out of Excel. An imported workbook is checked, its contacts sealed to the
 * campaign key here in the browser (the server only ever holds ciphertext), and shown as a count of
 * changes before it replaces the roster. A row without a contact keeps the one already stored.
 */
export function RosterWorkbook({
  people,
  contacts,
  onSaved,
}: {
  people: RosterPerson[];
  contacts: ReadonlyMap<string, string>;
  onSaved(a: RosterSavedAnswer): void;
}) {
  const t = useT(repMessages);
  const { api, campaign, campaignKey } = useConsole();
  const refused = useRefused();
  const c = campaign!;
  const [draft, setDraft] = useState<RosterPerson[] | null>(null);
  const [problems, setProblems] = useState<RosterProblemAt[] | string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // exceljs is large: loaded only when the office exports or imports.
  const workbook = () => import('./roster-workbook');

  const download = async () => {
    const bytes = await (await workbook()).rosterToWorkbook(people, c, contacts);
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `${c.id}-代表库.xlsx` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setDraft(null);
    setProblems(null);
    try {
      const read = await (await workbook()).rosterFromWorkbook(new Uint8Array(await file.arrayBuffer()), c);
      if (!read.ok) return setProblems(read.problems);
      const key = c.encryptionKey;
      if (read.people.some((p) => p.contactText) && !key) return setProblems(t('contactNeedsKey'));
      const stored = new Map(people.map((p) => [p.id, p]));
      const next: RosterPerson[] = [];
      for (const { contactText, ...p } of read.people) {
        const kept = stored.get(p.id)?.contact;
        const contact = contactText && key ? await encryptContact(key, c.id, p.id, contactText) : kept;
        // The same text as the stored contact keeps the stored ciphertext (no change to log).
        const same = contactText !== undefined && contacts.get(p.id) === contactText && kept;
        next.push({ ...p, ...(same ? { contact: kept } : contact ? { contact } : {}) });
      }
      setDraft(next);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.putRoster(c.id, draft));
      setDraft(null);
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  };

  const change = draft ? rosterChange(people, draft) : null;
  return (
    <div class="c-toolbar">
      <Button onClick={download} data-testid="roster-export">
        {t('exportXlsx')}
      </Button>{' '}
      <label class="c-btn c-btn-plain">
        {busy ? t('importing') : t('importXlsx')}
        <input type="file" accept=".xlsx" hidden data-testid="roster-import" onChange={(e) => void upload(e.currentTarget.files?.[0])} />
      </label>
      {!campaignKey && people.some((p) => p.contact) && <p class="c-muted">{t('keyForContacts')}</p>}
      {problems && (
        <div class="c-banner c-banner-error" role="alert" data-testid="roster-problems">
          <p>{t('importProblems')}</p>
          {typeof problems === 'string' ? (
            <p>{problems}</p>
          ) : (
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {draft && change && (
        <div class="c-banner c-banner-info" data-testid="roster-preview">
          <p>{t('importPreview', { size: draft.length, changed: change.changed.length, removed: change.removed.length })}</p>
          <div class="c-actions">
            <Button onClick={() => setDraft(null)}>{t('importCancel')}</Button>
            <Button kind="primary" onClick={save} disabled={busy} data-testid="roster-import-save">
              {busy ? t('saving') : t('importSave')}
            </Button>
          </div>
        </div>
      )}
      {error != null && <ErrorBanner error={error} />}
    </div>
  );
}
