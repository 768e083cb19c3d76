import { useContext } from 'preact/hooks';
import { bindingIds } from '../../../domain/kept';
import { TYPE_NAMES } from '../../components/recordTypes';
import { LangContext, useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { ReceivedRecord } from '../api-types';
import { shellMessages } from '../messages';
import { useConsole } from '../context';
import { SecretFields } from '../findings/Secret';
import { Button, Dialog, fmtTime } from '../ui';
import { recordMessages } from './messages';
import { Photos } from './Photos';
import { RecordBody } from './RecordBody';

/** One record as received: its place in the device chain, its body in words, its photos. */
export function RecordView({ item, campaign, onClose }: { item: ReceivedRecord; campaign: Campaign; onClose(): void }) {
  const t = useT(recordMessages);
  const ts = useT(shellMessages);
  const tn = useT(TYPE_NAMES);
  const lang = useContext(LangContext);
  const { campaignKey } = useConsole();
  const r = item.record;
  return (
    <Dialog title={`${t('detail')} · ${tn(r.type)}`} onClose={onClose} wide>
      <dl class="c-dl c-dl-meta">
        <div>
          <dt>{t('collector')}</dt>
          <dd>{r.collector}</dd>
        </div>
        <div>
          <dt>{t('device')}</dt>
          <dd>
            <code class="c-mono">{r.deviceId}</code> #{r.seq}
          </dd>
        </div>
        <div>
          <dt>{t('sealedAt')}</dt>
          <dd>{fmtTime(r.sealedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('receivedAt')}</dt>
          <dd>{fmtTime(item.receivedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('id')}</dt>
          <dd class="c-mono">{r.id}</dd>
        </div>
        <div>
          <dt>{t('hash')}</dt>
          <dd class="c-mono">{item.hash}</dd>
        </div>
        <div>
          <dt>{t('prevHash')}</dt>
          <dd class="c-mono">{r.prev}</dd>
        </div>
      </dl>
      <RecordBody record={r} campaign={campaign} />
      {r.sealed && !campaignKey && <p class="c-banner c-banner-info">{t('sealedNote')}</p>}
      <SecretFields record={r} campaignKey={campaignKey ?? null} />
      {r.attachments && r.attachments.length > 0 && (
        <>
          <h3>{t('attachments')}</h3>
          <Photos attachments={r.attachments} recordIds={bindingIds(r)} privateKey={campaignKey?.privateKey ?? null} />
        </>
      )}
      <div class="c-actions">
        <Button kind="primary" onClick={onClose}>
          {ts('close')}
        </Button>
      </div>
    </Dialog>
  );
}
