import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import { decryptSealed } from '../../../platform/hpke';
import type { Finding } from '../api-types';
import { Photos } from '../records/Photos';
import { RecordBody } from '../records/RecordBody';
import { fmtTime } from '../ui';
import { effectiveFinding } from './effective';
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

/** Decrypts a record's sealed part with the unlocked key; the state to show. */
function useSecret(record: Finding['record'], key: CampaignKey | null): Secret {
  const [secret, setSecret] = useState<Secret>({ state: record.sealed ? 'locked' : 'none' });
  useEffect(() => {
    if (!record.sealed) return setSecret({ state: 'none' });
    if (!key) return setSecret({ state: 'locked' });
    let live = true;
    setSecret({ state: 'working' });
    decryptSealed(key.privateKey, record.id, record.sealed).then(
      (fields) => live && setSecret({ state: 'open', fields }),
      () => live && setSecret({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [key, record.id]);
  return secret;
}

/** One finding: the open facts, corrections, then (with the key) the decrypted description, names and photos. */
export function FindingCard({ finding, campaign, campaignKey }: { finding: Finding; campaign: Campaign; campaignKey: CampaignKey | null }) {
  const t = useT(findingMessages);
  const lang = useContext(LangContext);
  const { shown, secretOf } = effectiveFinding(finding);
  const secret = useSecret(secretOf, campaignKey);
  const lastReason = (r: { record: { body: Record<string, unknown> } } | undefined) => String(r?.record.body.reason ?? '');
  const extra = secret.state === 'open' ? Object.keys(secret.fields).filter((k) => !KNOWN.some(([n]) => n === k)) : [];
  return (
    <article class={`c-card c-finding ${finding.voided ? 'c-voided' : ''}`} data-record={shown.id}>
      <header class="c-finding-head">
        <span class="c-muted">
          {t('collector')} {shown.collector} · {fmtTime(shown.sealedAt, lang)}
        </span>
      </header>
      {finding.voided && (
        <p class="c-banner c-banner-error">{t('voided', { reason: lastReason(finding.voided) })}</p>
      )}
      {finding.amendments.length > 0 && (
        <p class="c-banner c-banner-info">{t('amended', { n: finding.amendments.length, reason: lastReason(finding.amendments.at(-1)) })}</p>
      )}
      <RecordBody record={shown} campaign={campaign} />
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
      {secretOf.attachments && secretOf.attachments.length > 0 && (
        <Photos attachments={secretOf.attachments} recordId={secretOf.id} privateKey={campaignKey?.privateKey ?? null} />
      )}
    </article>
  );
}
