import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { DeviceRole, EnrollmentCode } from '../api-types';
import { useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { Button, CampaignSelect, Dialog, FormProblems, fmtTime } from '../ui';
import { enrollLink, groupCode } from './enrollLink';
import { deviceMessages, type DeviceKey } from './messages';
import { QrCode } from './QrCode';
import { repMessages } from '../representatives/messages';

/** The approved and appointed people of the campaign's roster (none when the roster cannot be read, e.g. for a coordinator). */
function useEligiblePeople(campaignId: string, person?: { id: string; name: string }): { id: string; name: string }[] {
  const { api } = useConsole();
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    setPeople([]);
    if (!campaignId) return;
    api.roster(campaignId).then(
      (all) => live && setPeople(all.filter((p) => p.status === 'approved' || p.status === 'appointed').map((p) => ({ id: p.id, name: p.name }))),
      () => live && setPeople(person ? [person] : []),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the person is the same while its id is
  }, [api, campaignId, person?.id]);
  return people;
}

export const ROLE_LABEL: Record<DeviceRole, DeviceKey> = {
  representative: 'roleRepresentative',
  inspector: 'roleInspector',
  coordinator: 'roleCoordinator',
};

/**
 * Issues a one-time enrollment code and shows it large, with a QR code for the tablet to scan. The
 * tablet may be bound to a roster person (its collector is then their id): `person` when opened
 * from 代表库, or chosen here from the campaign's approved and appointed people.
 */
export function IssueCodeDialog({ onClose, person }: { onClose(): void; person?: { id: string; name: string } }) {
  const t = useT(deviceMessages);
  const tr = useT(repMessages);
  const ts = useT(shellMessages);
  const lang = useContext(LangContext);
  const { api, campaigns, campaign } = useConsole();
  const refused = useRefused();
  const [campaignId, setCampaignId] = useState(campaign?.id ?? campaigns[0]?.id ?? '');
  const [role, setRole] = useState<DeviceRole>('representative');
  const [collector, setCollector] = useState('');
  const [ttl, setTtl] = useState('24');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<EnrollmentCode | null>(null);
  const [personId, setPersonId] = useState(person?.id ?? '');
  const eligible = useEligiblePeople(campaignId, person);
  const chosen = eligible.find((p) => p.id === personId) ?? (person && person.id === personId ? person : undefined);

  async function submit(e: Event) {
    e.preventDefault();
    const hours = Number(ttl);
    if (!chosen && !collector.trim()) return setProblem(t('collectorMissing'));
    if (!Number.isInteger(hours) || hours < 1 || hours > 720) return setProblem(t('ttlBad'));
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const who = chosen ? { personId: chosen.id } : { collector: collector.trim() };
      setIssued(await api.issueEnrollmentCode({ campaignId, role, ...who, ttlHours: hours }));
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  if (issued) {
    const link = enrollLink(globalThis.location?.origin ?? '', issued.code);
    return (
      <Dialog title={t('issueTitle')} onClose={onClose} wide>
        <div class="c-code-result">
          <QrCode text={link} label={t('qrAlt')} />
          <div>
            <p class="c-muted">{t('code')}</p>
            <p class="c-code" data-testid="enroll-code">
              {groupCode(issued.code)}
            </p>
            <p data-testid="enroll-code-for">
              {chosen ? `${chosen.name}（${chosen.id}）` : collector.trim()} · {t(ROLE_LABEL[role])}
            </p>
            <p class="c-muted">{t('expires', { when: fmtTime(issued.expiresAt, lang) })}</p>
            <p class="c-muted">{t('issueHint')}</p>
          </div>
        </div>
        <div class="c-actions">
          <Button kind="primary" onClick={onClose}>
            {t('done')}
          </Button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={t('issueTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <label class="c-field">
          <span>{t('forCampaign')}</span>
          <CampaignSelect campaigns={campaigns} value={campaignId} onChange={setCampaignId} />
        </label>
        <fieldset class="c-field">
          <legend>{t('role')}</legend>
          <div class="c-chips">
            {(Object.keys(ROLE_LABEL) as DeviceRole[]).map((r) => (
              <label key={r} class={`c-chip ${r === role ? 'c-chip-on' : ''}`}>
                <input type="radio" name="role" value={r} checked={r === role} onChange={() => setRole(r)} />
                {t(ROLE_LABEL[r])}
              </label>
            ))}
          </div>
        </fieldset>
        {(eligible.length > 0 || person) && (
          <label class="c-field">
            <span>{tr('fromRoster')}</span>
            <select name="personId" value={personId} onChange={(e) => setPersonId(e.currentTarget.value)}>
              <option value="">{tr('notFromRoster')}</option>
              {person && !eligible.some((p) => p.id === person.id) && <option value={person.id}>{`${person.name}（${person.id}）`}</option>}
              {eligible.map((p) => (
                <option key={p.id} value={p.id}>{`${p.name}（${p.id}）`}</option>
              ))}
            </select>
          </label>
        )}
        {!chosen && (
          <label class="c-field">
            <span>{t('collectorId')}</span>
            <input name="collector" value={collector} onInput={(e) => setCollector(e.currentTarget.value)} />
          </label>
        )}
        <label class="c-field">
          <span>{t('ttl')}</span>
          <input name="ttl" type="number" min={1} max={720} value={ttl} onInput={(e) => setTtl(e.currentTarget.value)} />
        </label>
        <FormProblems problem={problem} error={error} />
        <div class="c-actions">
          <Button onClick={onClose}>{ts('cancel')}</Button>
          <Button kind="primary" type="submit" disabled={busy || !campaignId}>
            {busy ? t('issuing') : t('issueDo')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
