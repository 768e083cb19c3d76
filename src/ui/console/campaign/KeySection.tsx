import { useState } from 'preact/hooks';
import type { P256PublicJwk } from '../../../domain/campaign';
import { useT } from '../../i18n';
import { Button } from '../ui';
import { keyPrint, makeCampaignKey, MIN_PASSPHRASE } from './campaign-key';
import { keyMessages } from './key-messages';

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; file: string } | { kind: 'failed'; message: string };

/**
 * 加密密钥: makes the campaign's key pair in this browser, downloads the private key as a file
 * protected by a passphrase, and puts only the public key into the definition (saved with it).
 */
export function KeySection({ campaignId, value, onChange }: { campaignId: string; value: P256PublicJwk | null; onChange(k: P256PublicJwk): void }) {
  const t = useT(keyMessages);
  const [pass, setPass] = useState({ a: '', b: '' });
  const [state, setState] = useState<State>({ kind: 'idle' });
  const short = pass.a.length > 0 && pass.a.length < MIN_PASSPHRASE;
  const differ = pass.b.length > 0 && pass.a !== pass.b;
  const ok = pass.a.length >= MIN_PASSPHRASE && pass.a === pass.b && state.kind !== 'working';
  const generate = async () => {
    setState({ kind: 'working' });
    try {
      const { file, publicJwk } = await makeCampaignKey(campaignId, pass.a);
      const name = `${campaignId}-campaign-key.json`;
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setPass({ a: '', b: '' });
      onChange(publicJwk);
      setState({ kind: 'done', file: name });
    } catch (e) {
      setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <fieldset class="c-ed-part" data-testid="ed-key">
      <legend>{t('title')}</legend>
      <p data-testid="ed-key-state">{value ? t('hasKey', { print: keyPrint(value) }) : t('noKey')}</p>
      <p class="c-muted">{t('explain')}</p>
      {value && <p class="c-muted">{t('replaceWarning')}</p>}
      <div class="c-ed-row">
        <div class="c-field c-ed-field">
          <label for="ed-key-pass">{t('passphrase', { n: MIN_PASSPHRASE })}</label>
          <input
            id="ed-key-pass"
            type="password"
            autocomplete="new-password"
            value={pass.a}
            aria-invalid={short}
            aria-describedby={short ? 'ed-key-pass-problem' : undefined}
            data-testid="ed-key-pass"
            onInput={(e) => setPass({ ...pass, a: e.currentTarget.value })}
          />
          {short && (
            <span class="c-field-problem" id="ed-key-pass-problem" role="alert">
              {t('tooShort', { n: MIN_PASSPHRASE })}
            </span>
          )}
        </div>
        <div class="c-field c-ed-field">
          <label for="ed-key-pass2">{t('again')}</label>
          <input
            id="ed-key-pass2"
            type="password"
            autocomplete="new-password"
            value={pass.b}
            aria-invalid={differ}
            aria-describedby={differ ? 'ed-key-pass2-problem' : undefined}
            data-testid="ed-key-pass2"
            onInput={(e) => setPass({ ...pass, b: e.currentTarget.value })}
          />
          {differ && (
            <span class="c-field-problem" id="ed-key-pass2-problem" role="alert">
              {t('differ')}
            </span>
          )}
        </div>
      </div>
      <Button kind="primary" disabled={!ok} onClick={() => void generate()} data-testid="ed-key-generate">
        {value ? t('generateNew') : t('generate')}
      </Button>
      {state.kind === 'working' && (
        <p role="status" class="c-muted">
          {t('working')}
        </p>
      )}
      {state.kind === 'done' && (
        <p role="status" class="c-banner c-banner-ok" data-testid="ed-key-done">
          {t('done', { file: state.file })}
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" class="c-banner c-banner-error">
          {t('failed', { message: state.message })}
        </p>
      )}
    </fieldset>
  );
}
