import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import { Button } from '../ui';
import { isPrivateP256Jwk, UnlockError, unlockCampaignKey, type CampaignKey, type KeyFileOpener } from './keyring';
import { findingMessages, type FindingKey } from './messages';

const PROBLEM: Record<UnlockError['problem'], FindingKey> = {
  'not-a-key-file': 'notKeyFile',
  'wrong-passphrase': 'wrongPassphrase',
  'other-campaign': 'otherCampaign',
  'key-mismatch': 'keyMismatch',
  'no-campaign-key': 'noCampaignKey',
};

/** A padlock, drawn so that it shows without an emoji font. */
function LockIcon({ open = false }: { open?: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" style={{ verticalAlign: '-3px' }}>
      <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor" />
      <path d={open ? 'M8 10V7a4 4 0 0 1 7.8-1.3' : 'M8 10V7a4 4 0 0 1 8 0v3'} fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

function isBareKey(text: string): boolean {
  try {
    return isPrivateP256Jwk(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Opens the campaign's key file with its passphrase, or shows that the key is unlocked. */
export function KeyPanel(props: { campaign: Campaign; campaignKey: CampaignKey | null; open: KeyFileOpener; onKey(k: CampaignKey | null): void }) {
  const t = useT(findingMessages);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!props.campaign.encryptionKey) return <p class="c-banner c-banner-info">{t('noCampaignKey')}</p>;
  if (props.campaignKey) {
    return (
      <div class="c-card c-key c-key-on">
        <p role="status">
          <LockIcon open /> {t('unlocked')}
        </p>
        <Button onClick={() => props.onKey(null)}>{t('lock')}</Button>
      </div>
    );
  }

  async function unlock(e: Event) {
    e.preventDefault();
    if (!file) return setProblem(t('noFile'));
    setBusy(true);
    setProblem(null);
    try {
      const text = await file.text();
      if (!passphrase && !isBareKey(text)) return setProblem(t('noPassphrase'));
      const key = await unlockCampaignKey(text, passphrase, props.campaign, props.open);
      setPassphrase('');
      props.onKey(key);
    } catch (err) {
      if (err instanceof UnlockError) {
        setProblem(t(PROBLEM[err.problem], { id: err.detail }));
        if (err.problem === 'wrong-passphrase') setPassphrase('');
      } else setProblem(t('notKeyFile'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="c-card c-key" onSubmit={unlock} noValidate aria-label={t('keyHeading')}>
      <h2>
        <LockIcon /> {t('keyHeading')}
      </h2>
      <p class="c-muted">{t('locked')}</p>
      <div class="c-filters">
        <label class="c-inline">
          <span>{t('keyFile')}</span>
          <input type="file" name="keyfile" accept=".json,.key,.pingyi-key,application/json" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <label class="c-inline">
          <span>{t('passphrase')}</span>
          <input type="password" name="passphrase" autoComplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        </label>
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('unlocking') : t('unlock')}
        </Button>
      </div>
      {problem && (
        <p class="c-banner c-banner-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
