import { useEffect, useState } from 'preact/hooks';
import type { Campaign } from '../../../domain/campaign';
import type { StoredRecord } from '../../../store/db';
import { recordDetail, type RecordDetail } from '../../../store/queries';
import { campaignById } from '../../../store/session';
import { LinkButton } from '../../components/Button';
import { ReadField } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import { Icon } from '../../components/icons';
import { TYPE_NAMES } from '../../components/recordTypes';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { Attachments } from './Attachments';
import { BodyFields } from './BodyFields';
import { DETAIL } from './detailMessages';
import { str } from './summary';
import { isReceived } from '../../../store/received';
import { useReceivedThrough } from './useReceivedThrough';
import { shortId } from '../../forms/common/SealedNote';
import { withLabels } from '../../components/useCampaign';

const ORIGINAL_TYPES = ['f2f', 'forum', 'visit', 'stall'];

/**
 * One sealed record, read-only: every field labelled from its campaign, its photos, its place in
 * the chain, its corrections and which version counts; 更正 and 作废 lead to the correction form.
 */
export default function RecordDetailScreen({ params }: ScreenProps) {
  const { db, session, lang } = useApp();
  const t = useT(DETAIL);
  const types = useT(TYPE_NAMES);
  const [state, setState] = useState<{ detail?: RecordDetail; campaign?: Campaign; done: boolean }>({ done: false });
  const hash = params.hash ?? '';

  useEffect(() => {
    let live = true;
    void (async () => {
      const detail = await recordDetail(db, hash);
      const found = detail ? await campaignById(db, detail.stored.campaignId) : undefined;
      // Shown in the interface language where the definition has translations.
      const campaign = found && (await withLabels(found, lang));
      if (live) setState({ detail, campaign, done: true });
    })();
    return () => {
      live = false;
    };
  }, [db, hash, lang]);
  const through = useReceivedThrough(db, state.detail?.stored.deviceId ?? '');

  const back = (
    <LinkButton href="#/records" variant="quiet">
      <Icon name="back" /> {t('back')}
    </LinkButton>
  );
  if (!state.done)
    return (
      <section class="screen">
        {back}
        <p class="loading">{t('loading')}</p>
      </section>
    );
  const { detail, campaign } = state;
  if (!detail)
    return (
      <section class="screen">
        {back}
        <p class="notice">{t('notFound')}</p>
      </section>
    );

  const { stored, corrections, standing, target } = detail;
  const r = stored.record;
  const isOriginal = ORIGINAL_TYPES.includes(r.type);
  const ownDevice = stored.deviceId === session.deviceId;
  const correctable = isOriginal && ownDevice && standing.kind !== 'voided';

  return (
    <section class="screen stack" aria-labelledby="detail-title">
      <div class="screen-head">
        {back}
        <h1 id="detail-title">
          {types(r.type)} · {t('seqValue', { seq: r.seq })}
        </h1>
        {correctable && (
          <div class="row">
            <LinkButton href={`#/correct/${stored.hash}?action=amend`} variant="primary" size="large">
              <Icon name="correct" /> {t('amend')}
            </LinkButton>
            <LinkButton href={`#/correct/${stored.hash}?action=void`} variant="danger" size="large">
              <Icon name="void" /> {t('void')}
            </LinkButton>
          </div>
        )}
      </div>
      {isOriginal && (
        <p class={`standing banner banner-${standing.kind === 'original' ? 'ok' : standing.kind === 'amended' ? 'info' : 'warn'}`} data-testid="standing">
          {standing.kind === 'original'
            ? t('standingOriginal')
            : standing.kind === 'amended'
              ? t('standingAmended', { seq: standing.by.seq })
              : t('standingVoided', { seq: standing.by.seq })}
        </p>
      )}
      {isOriginal && !correctable && <p class="muted">{standing.kind === 'voided' ? t('cannotVoided') : t('otherDevice')}</p>}

      <section class="card">
        <h2>{t('content')}</h2>
        {isOriginal ? <BodyFields type={r.type} body={r.body} campaign={campaign} /> : <CorrectionBody stored={stored} target={target} campaign={campaign} />}
        {r.sealed && (
          <dl class="read-list">
            <ReadField label={t('confidential')}>
              <Icon name="lock" size={18} /> {t('confidentialValue')}
            </ReadField>
          </dl>
        )}
      </section>

      {r.attachments && r.attachments.length > 0 && (
        <section class="card">
          <h2>{t('attachments')}</h2>
          <Attachments items={r.attachments} />
        </section>
      )}

      {isOriginal && (
        <section class="card" aria-labelledby="corrections-title">
          <h2 id="corrections-title">{t('corrections')}</h2>
          {corrections.length === 0 ? (
            <p class="muted">{t('noCorrections')}</p>
          ) : (
            <ul class="list-plain" data-testid="corrections">
              {corrections.map((c) => (
                <CorrectionLink key={c.hash} c={c} counts={standing.kind !== 'original' && standing.by.hash === c.hash} />
              ))}
            </ul>
          )}
        </section>
      )}

      <section class="card">
        <h2>{t('record')}</h2>
        <dl class="read-list">
          <ReadField label={t('seq')}>{t('seqValue', { seq: r.seq })}</ReadField>
          <ReadField label={t('shortId')}>
            <strong data-testid="short-id">{shortId(stored.hash)}</strong>
          </ReadField>
          <ReadField label={t('sending')}>
            {stored.practice ? t('practice') : through === undefined ? '…' : isReceived(stored, through) ? t('sent') : t('unsent')}
          </ReadField>
          <ReadField label={t('createdAt')}>{formatDateTime(r.createdAt, lang)}</ReadField>
          <ReadField label={t('sealedAt')}>{formatDateTime(r.sealedAt, lang)}</ReadField>
          <ReadField label={t('collector')}>{stored.practice ? t('practiceCollector') : r.collector}</ReadField>
          <ReadField label={t('device')}>
            <span class="mono">{r.deviceId}</span>
          </ReadField>
          <ReadField label={t('id')}>
            <span class="mono">{r.id}</span>
          </ReadField>
          <ReadField label={t('hash')}>
            <span class="mono" data-testid="hash">
              {stored.hash}
            </span>
          </ReadField>
          <ReadField label={t('prev')}>
            <span class="mono">{r.prev}</span>
          </ReadField>
        </dl>
      </section>
    </section>
  );
}

/** An amend or void: what it corrects, why, and (amend) the full replacement body. */
function CorrectionBody(props: { stored: StoredRecord; target?: StoredRecord; campaign?: Campaign }) {
  const t = useT(DETAIL);
  const { stored, target } = props;
  const b = stored.record.body;
  return (
    <>
      <dl class="read-list">
        <ReadField label={t('target')}>
          {target ? <a href={`#/records/${target.hash}`}>{t('targetLink', { seq: target.seq })}</a> : t('targetMissing')}
        </ReadField>
        <ReadField label={t('reason')}>
          <p class="quote">{str(b.reason)}</p>
        </ReadField>
        {typeof b.keptFrom === 'string' && <ReadField label={t('confidentialPart')}>{stored.record.sealed ? t('keptSealed') : t('keptPhotos')}</ReadField>}
      </dl>
      {stored.type === 'amend' && target && (
        <>
          <h3>{t('replacement')}</h3>
          <BodyFields type={target.type} body={(b.body as Record<string, unknown>) ?? {}} campaign={props.campaign} />
        </>
      )}
    </>
  );
}

function CorrectionLink(props: { c: StoredRecord; counts: boolean }) {
  const { lang } = useApp();
  const t = useT(DETAIL);
  const types = useT(TYPE_NAMES);
  const { c } = props;
  return (
    <li>
      <a class="link-row" href={`#/records/${c.hash}`} data-testid="correction">
        <Icon name={c.type === 'void' ? 'void' : 'correct'} />
        <span class="link-row-main">
          <span class="link-row-title">{t('correctionRow', { seq: c.seq, type: types(c.type), time: formatDateTime(c.sealedAt, lang) })}</span>
          <span class="link-row-sub">{str(c.record.body.reason)}</span>
        </span>
        {props.counts && <span class="badge badge-info">{t('counts')}</span>}
        <span class="chevron" aria-hidden="true">
          ›
        </span>
      </a>
    </li>
  );
}
