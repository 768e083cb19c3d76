import { useContext, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { DeviceRow } from '../api-types';
import { useConsole, useLoad } from '../context';
import { Button, LoadStatus, PageHead, fmtTime } from '../ui';
import { conflictMessages } from './conflict-messages';
import { ConflictsDialog } from './ConflictsDialog';
import { IssueCodeDialog, ROLE_LABEL } from './IssueCodeDialog';
import { deviceMessages } from './messages';
import { RevokeDialog } from './RevokeDialog';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Active devices first, then by collector, so the ones that still work are on top. */
export function sortDevices(devices: DeviceRow[]): DeviceRow[] {
  return [...devices].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.collector.localeCompare(b.collector) || a.deviceId.localeCompare(b.deviceId),
  );
}

/** Devices with their sync state; office admins also revoke devices and issue enrollment codes. */
export function DevicesPage({ now = Date.now }: { now?: () => number }) {
  const t = useT(deviceMessages);
  const lang = useContext(LangContext);
  const { api, me, campaign } = useConsole();
  const admin = me.role === 'office-admin';
  const list = useLoad(() => api.devices(), [api]);
  const [revoking, setRevoking] = useState<DeviceRow | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [conflicts, setConflicts] = useState<DeviceRow | null>(null);
  const tc = useT(conflictMessages);

  // Devices of other campaigns are left out when the server says which campaign each belongs to.
  const devices = sortDevices((list.data ?? []).filter((d) => !campaign || !d.campaignId || d.campaignId === campaign.id));
  const active = devices.filter((d) => d.revokedAt === null).length;

  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')}>
        {admin && (
          <Button kind="primary" onClick={() => setIssuing(true)}>
            {t('issue')}
          </Button>
        )}
      </PageHead>
      <LoadStatus load={list} />
      {list.data && devices.length === 0 && <p class="c-empty">{t('none')}</p>}
      {devices.length > 0 && (
        <>
          <p class="c-muted">{t('count', { n: devices.length, active })}</p>
          <table class="c-table" aria-label={t('heading')}>
            <thead>
              <tr>
                <th>{t('collector')}</th>
                <th>{t('label')}</th>
                <th>{t('role')}</th>
                <th>{t('lastSync')}</th>
                <th class="c-num">{t('headSeq')}</th>
                <th>{t('status')}</th>
                {admin && <th />}
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => {
                const stale = d.revokedAt === null && d.lastBatchAt !== null && now() - Date.parse(d.lastBatchAt) > DAY_MS;
                return (
                  <tr key={d.deviceId} class={d.revokedAt ? 'c-row-off' : ''} data-device={d.deviceId}>
                    <td>{d.collector}</td>
                    <td>
                      {d.label}
                      <div class="c-mono c-muted">{d.deviceId}</div>
                    </td>
                    <td>{d.role in ROLE_LABEL ? t(ROLE_LABEL[d.role]) : d.role}</td>
                    <td class={stale ? 'c-warn' : ''} title={stale ? t('stale') : undefined}>
                      {d.lastBatchAt ? fmtTime(d.lastBatchAt, lang) : t('never')}
                      {stale && <div class="c-small">{t('stale')}</div>}
                    </td>
                    <td class="c-num">{d.headSeq}</td>
                    <td>
                      {d.revokedAt ? t('revoked', { when: fmtTime(d.revokedAt, lang) }) : t('active')}
                      {(d.conflicts ?? 0) > 0 && (
                        <div>
                          <span class="c-flag c-flag-conflict" title={tc('badgeHint')}>
                            {tc('badge')}
                          </span>
                          {admin && <Button onClick={() => setConflicts(d)}>{tc('show')}</Button>}
                        </div>
                      )}
                    </td>
                    {admin && (
                      <td>
                        {d.revokedAt === null && (
                          <Button kind="danger" onClick={() => setRevoking(d)}>
                            {t('revoke')}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {revoking && (
        <RevokeDialog
          device={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            list.reload();
          }}
        />
      )}
      {issuing && <IssueCodeDialog onClose={() => setIssuing(false)} />}
      {conflicts && <ConflictsDialog device={conflicts} onClose={() => setConflicts(null)} />}
    </section>
  );
}
