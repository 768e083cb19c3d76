import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { DeviceRow } from '../api-types';
import { useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { Button, Dialog, ErrorBanner } from '../ui';
import { deviceMessages } from './messages';

/** Asks before revoking: revoking stops a tablet for good, so it is never one click. */
export function RevokeDialog({ device, onClose, onRevoked }: { device: DeviceRow; onClose(): void; onRevoked(): void }) {
  const t = useT(deviceMessages);
  const ts = useT(shellMessages);
  const { api } = useConsole();
  const refused = useRefused();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api.revokeDevice(device.deviceId);
      onRevoked();
    } catch (e) {
      const shown = await refused(e);
      if (shown !== undefined) setError(shown);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('revokeTitle')} onClose={onClose}>
      <p>{t('revokeConfirm', { label: device.label || device.deviceId, collector: device.collector })}</p>
      <p class="c-muted">{t('revokeEffect', { n: device.headSeq })}</p>
      {error != null && <ErrorBanner error={error} />}
      <div class="c-actions">
        <Button onClick={onClose}>{ts('cancel')}</Button>
        <Button kind="danger" onClick={revoke} disabled={busy}>
          {busy ? t('revoking') : t('revokeDo')}
        </Button>
      </div>
    </Dialog>
  );
}
