import type { Campaign } from '../../../domain/campaign';
import type { Draft, StoredRecord } from '../../../store/db';
import { unitsOfBody } from '../../../store/queries';
import { isReceived } from '../../../store/received';
import { formatDateTime } from '../../components/format';
import { TYPE_NAMES } from '../../components/recordTypes';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { RECORDS } from './messages';
import { bodySummary, unitNames } from './summary';

/** A sealed record in the list: type, units, number, time, and whether it was sent. */
export function RecordRow(props: { rec: StoredRecord; campaign: Campaign; /** The device's received mark; undefined until read. */ through?: number }) {
  const { lang } = useApp();
  const t = useT(RECORDS);
  const types = useT(TYPE_NAMES);
  const { rec } = props;
  const summary = bodySummary(rec.type, rec.record.body, props.campaign);
  const standing = useStanding(rec);
  return (
    <a class="rec-row" href={`#/records/${rec.hash}`} data-testid="record-row" data-hash={rec.hash}>
      <span class="rec-type">{types(rec.type)}</span>
      <span class="rec-main">
        <span class="rec-title">{unitNames(props.campaign, rec.unitIds) || t('noUnit')}</span>
        <span class="rec-sub">
          {t('seq', { seq: rec.seq })} · {formatDateTime(rec.sealedAt, lang)}
          {summary && ` · ${summary}`}
        </span>
      </span>
      <span class="rec-badges">
        {standing === 'void' && (
          <span class="badge badge-danger" data-testid="badge-voided">
            {t('voided')}
          </span>
        )}
        {standing === 'amend' && (
          <span class="badge badge-info" data-testid="badge-amended">
            {t('amended')}
          </span>
        )}
        {rec.practice ? (
          <span class="badge badge-practice">{t('practice')}</span>
        ) : props.through === undefined ? null : isReceived(rec, props.through) ? (
          <span class="badge badge-real">{t('sentYes')}</span>
        ) : (
          <span class="badge badge-muted">{t('sentNo')}</span>
        )}
      </span>
    </a>
  );
}

/** Whether an original was voided or corrected (the latest correction decides), read for visible rows only. */
function useStanding(rec: StoredRecord): 'void' | 'amend' | null {
  const { db } = useApp();
  const original = rec.type !== 'amend' && rec.type !== 'void';
  const got = useLiveQuery(async () => {
    if (!original) return null;
    const cs = await db.records.where('targetId').equals(rec.record.id).toArray();
    if (cs.some((c) => c.type === 'void')) return 'void' as const;
    return cs.length ? ('amend' as const) : null;
  }, [db, rec.hash]);
  return got.value ?? null;
}

/** A draft in the list: tapping resumes it. */
export function DraftRow(props: { draft: Draft; campaign: Campaign }) {
  const { lang } = useApp();
  const t = useT(RECORDS);
  const types = useT(TYPE_NAMES);
  const { draft } = props;
  return (
    <a class="rec-row" href={`#/draft/${encodeURIComponent(draft.id)}`} data-testid="draft-row">
      <span class="rec-type">{types(draft.type)}</span>
      <span class="rec-main">
        <span class="rec-title">{unitNames(props.campaign, unitsOfBody(draft.body)) || t('noUnit')}</span>
        <span class="rec-sub">{t('updated', { time: formatDateTime(draft.updatedAt, lang) })}</span>
      </span>
      <span class="rec-badges">
        <span class="badge badge-info">{t('draft')}</span>
      </span>
    </a>
  );
}

/** A row whose record is still being read (fast scrolling). */
export function PendingRow() {
  return (
    <span class="rec-row" aria-hidden="true">
      <span class="rec-placeholder" />
    </span>
  );
}
