import { useContext } from 'preact/hooks';
import { bindingIds } from '../../../domain/kept';
import { LangContext, useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { Finding } from '../api-types';
import { Photos } from '../records/Photos';
import { RecordBody } from '../records/RecordBody';
import { fmtTime } from '../ui';
import { effectiveFinding } from './effective';
import type { CampaignKey } from './keyring';
import { findingMessages } from './messages';
import { SecretFields } from './Secret';

const reasonOf = (r: { record: { body: Record<string, unknown> } } | null | undefined) => String(r?.record.body.reason ?? '');

/** One finding: the open facts, its corrections, then (with the key) the decrypted description, names and photos. */
export function FindingCard({ finding, campaign, campaignKey }: { finding: Finding; campaign: Campaign; campaignKey: CampaignKey | null }) {
  const t = useT(findingMessages);
  const lang = useContext(LangContext);
  const { shown, secretOf } = effectiveFinding(finding);
  return (
    <article class={`c-card c-finding ${finding.voided ? 'c-voided' : ''}`} data-record={shown.id}>
      <header class="c-finding-head">
        <span class="c-muted">
          {t('collector')} {shown.collector} · {fmtTime(shown.sealedAt, lang)}
        </span>
      </header>
      {finding.voided && <p class="c-banner c-banner-error">{t('voided', { reason: reasonOf(finding.voided) })}</p>}
      {finding.amendments.length > 0 && (
        <p class="c-banner c-banner-info">{t('amended', { n: finding.amendments.length, reason: reasonOf(finding.amendments.at(-1)) })}</p>
      )}
      <RecordBody record={shown} campaign={campaign} />
      <SecretFields record={secretOf} campaignKey={campaignKey} />
      {secretOf.attachments && secretOf.attachments.length > 0 && (
        <Photos attachments={secretOf.attachments} recordIds={bindingIds(secretOf)} privateKey={campaignKey?.privateKey ?? null} />
      )}
    </article>
  );
}
