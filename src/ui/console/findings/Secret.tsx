import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { bindingIds, withAnyId } from '../../../domain/kept';
import type { PingyiRecord } from '../../../domain/records';
import { decryptSealed } from '../../../platform/hpke';
import type { CampaignKey } from './keyring';
import { findingMessages, type FindingKey } from './messages';

type Secret = { state: 'locked' | 'none' | 'working' | 'failed' } | { state: 'open'; fields: Record<string, unknown> };

/** Known confidential fields in display order; any others follow under their own names. */
const KNOWN: [string, FindingKey][] = [
  ['description', 'description'],
  ['names', 'names'],
  ['contact', 'contact'],
];

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(text).join('、');
  return JSON.stringify(v);
}

/** Decrypts a record's sealed part with the unlocked key (HPKE binds it to a record id: bindingIds). */
function useSecret(record: PingyiRecord, key: CampaignKey | null): Secret {
  const [secret, setSecret] = useState<Secret>({ state: record.sealed ? 'locked' : 'none' });
  useEffect(() => {
    if (!record.sealed) return setSecret({ state: 'none' });
    if (!key) return setSecret({ state: 'locked' });
    let live = true;
    setSecret({ state: 'working' });
    withAnyId(bindingIds(record), (id) => decryptSealed(key.privateKey, id, record.sealed!)).then(
      (fields) => live && setSecret({ state: 'open', fields }),
      () => live && setSecret({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [key, record.id]);
  return secret;
}

/** A record's confidential part, decrypted in the browser; nothing while locked (the page says so). */
export function SecretFields({ record, campaignKey }: { record: PingyiRecord; campaignKey: CampaignKey | null }) {
  const t = useT(findingMessages);
  const secret = useSecret(record, campaignKey);
  if (secret.state === 'working') return <p class="c-muted">{t('decrypting')}</p>;
  if (secret.state === 'failed') {
    return (
      <p class="c-banner c-banner-error" role="alert">
        {t('decryptFailed')}
      </p>
    );
  }
  if (secret.state !== 'open') return null;
  const extra = Object.keys(secret.fields).filter((k) => !KNOWN.some(([n]) => n === k));
  return (
    <dl class="c-dl c-secret" data-testid="secret">
      {KNOWN.filter(([k]) => k in secret.fields).map(([k, label]) => (
        <div key={k}>
          <dt>{t(label)}</dt>
          <dd>{text(secret.fields[k])}</dd>
        </div>
      ))}
      {extra.map((k) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{text(secret.fields[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
