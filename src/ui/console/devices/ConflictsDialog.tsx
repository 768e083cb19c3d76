import { useContext } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { ConflictVersion, DeviceRow } from '../api-types';
import { useConsole, useLoad } from '../context';
import { Button, Dialog, ErrorBanner, fmtTime } from '../ui';
import { conflictMessages } from './conflict-messages';

function Version({ title, version, missing }: { title: string; version: ConflictVersion | null; missing: string }) {
  const t = useT(conflictMessages);
  return (
    <div class="c-conflict-side">
      <h3>{title}</h3>
      {version ? (
        <>
          <div class="c-mono c-small">
            {t('hash')} {version.hash}
          </div>
          <pre class="c-pre">{JSON.stringify(version.record, null, 2)}</pre>
        </>
      ) : (
        <p class="c-muted">{missing}</p>
      )}
    </div>
  );
}

/** Both versions of every record a device signed twice for one seq, side by side. */
export function ConflictsDialog({ device, onClose }: { device: DeviceRow; onClose(): void }) {
  const t = useT(conflictMessages);
  const lang = useContext(LangContext);
  const { api } = useConsole();
  const list = useLoad(() => api.conflicts(device.deviceId), [api, device.deviceId]);
  return (
    <Dialog title={t('title')} onClose={onClose} wide>
      <p>{t('intro', { label: device.label || device.deviceId, collector: device.collector })}</p>
      {list.error != null && <ErrorBanner error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <p class="c-muted">{t('loading')}</p>}
      {list.data?.length === 0 && <p class="c-empty">{t('none')}</p>}
      {list.data?.map((c) => (
        <section key={`${c.seq}/${c.offered.hash}`} data-seq={c.seq}>
          <h3>{t('seq', { seq: c.seq, when: fmtTime(c.receivedAt, lang) })}</h3>
          <div class="c-conflict">
            <Version title={t('stored')} version={c.stored} missing={t('missing')} />
            <Version title={t('offered')} version={c.offered} missing={t('missing')} />
          </div>
        </section>
      ))}
      <div class="c-actions">
        <Button onClick={onClose}>{t('close')}</Button>
      </div>
    </Dialog>
  );
}
