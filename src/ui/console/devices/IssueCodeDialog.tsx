import { useContext, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { DeviceRole, EnrollmentCode } from '../api-types';
import { useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { Button, Dialog, ErrorBanner, fmtTime } from '../ui';
import { enrollLink, groupCode } from './enrollLink';
import { deviceMessages, type DeviceKey } from './messages';
import { QrCode } from './QrCode';

export const ROLE_LABEL: Record<DeviceRole, DeviceKey> = {
  representative: 'roleRepresentative',
  inspector: 'roleInspector',
  coordinator: 'roleCoordinator',
};

/** Issues a one-time enrollment code and shows it large, with a QR code for the tablet to scan. */
export function IssueCodeDialog({ onClose }: { onClose(): void }) {
  const t = useT(deviceMessages);
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

  async function submit(e: Event) {
    e.preventDefault();
    const hours = Number(ttl);
    if (!collector.trim()) return setProblem(t('collectorMissing'));
    if (!Number.isInteger(hours) || hours < 1 || hours > 720) return setProblem(t('ttlBad'));
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      setIssued(await api.issueEnrollmentCode({ campaignId, role, collector: collector.trim(), ttlHours: hours }));
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
            <p>
              {collector.trim()} · {t(ROLE_LABEL[role])}
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
          <select value={campaignId} onChange={(e) => setCampaignId(e.currentTarget.value)}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
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
        <label class="c-field">
          <span>{t('collectorId')}</span>
          <input name="collector" value={collector} onInput={(e) => setCollector(e.currentTarget.value)} />
        </label>
        <label class="c-field">
          <span>{t('ttl')}</span>
          <input name="ttl" type="number" min={1} max={720} value={ttl} onInput={(e) => setTtl(e.currentTarget.value)} />
        </label>
        {problem && (
          <p class="c-banner c-banner-error" role="alert">
            {problem}
          </p>
        )}
        {error != null && <ErrorBanner error={error} />}
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
