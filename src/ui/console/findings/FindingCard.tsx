import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import { decryptSealed } from '../../../platform/hpke';
import type { ReceivedRecord } from '../api-types';
import { Photos } from '../records/Photos';
import { RecordBody } from '../records/RecordBody';
import { fmtTime } from '../ui';
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

/** One finding: the open facts, then (with the key) the decrypted description, names and photos. */
export function FindingCard({ item, campaign, campaignKey }: { item: ReceivedRecord; campaign: Campaign; campaignKey: CampaignKey | null }) {
  const t = useT(findingMessages);
  const lang = useContext(LangContext);
  const r = item.record;
  const [secret, setSecret] = useState<Secret>({ state: r.sealed ? 'locked' : 'none' });
  useEffect(() => {
    if (!r.sealed) return setSecret({ state: 'none' });
    if (!campaignKey) return setSecret({ state: 'locked' });
    let live = true;
    setSecret({ state: 'working' });
    decryptSealed(campaignKey.privateKey, r.id, r.sealed).then(
      (fields) => live && setSecret({ state: 'open', fields }),
      () => live && setSecret({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [campaignKey, r.id]);

  const extra = secret.state === 'open' ? Object.keys(secret.fields).filter((k) => !KNOWN.some(([n]) => n === k)) : [];
  return (
    <article class="c-card c-finding" data-record={r.id}>
      <header class="c-finding-head">
        <span class="c-muted">
          {t('collector')} {r.collector} · {fmtTime(r.sealedAt, lang)}
        </span>
      </header>
      <RecordBody record={r} campaign={campaign} />
      {secret.state === 'working' && <p class="c-muted">{t('decrypting')}</p>}
      {secret.state === 'failed' && (
        <p class="c-banner c-banner-error" role="alert">
          {t('decryptFailed')}
        </p>
      )}
      {secret.state === 'open' && (
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
      )}
      {r.attachments && r.attachments.length > 0 && (
        <Photos attachments={r.attachments} recordId={r.id} privateKey={campaignKey?.privateKey ?? null} />
      )}
    </article>
  );
}
