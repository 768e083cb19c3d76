import type { RecordType } from '../../domain/records';
import type { OutboxError } from '../../sync/state';
import { LinkButton } from '../components/Button';
import { TYPE_NAMES } from '../components/recordTypes';
import { useT } from '../i18n';
import { useAnswerText } from './serverAnswers';
import { SYNC } from './syncMessages';

/**
 * A refusal that stopped the outbox: what the server answered (by its code, in the user's
 * language), the record it concerns (with a link to
 * it), and the reassurance that nothing was dropped. It stays until a later run succeeds.
 */
export function RefusalCard(props: { error: OutboxError }) {
  const t = useT(SYNC);
  const types = useT(TYPE_NAMES);
  const answer = useAnswerText();
  const e = props.error;
  const record = e.record;
  return (
    <section class="card stack" aria-labelledby="refused-title" data-testid="sync-refused">
      <h2 id="refused-title">{t('refusedTitle')}</h2>
      <p>
        <strong data-testid="sync-refused-code">{answer({ code: e.code, ...(e.status ? { status: e.status } : {}), reason: e.message })}</strong>
      </p>
      {record ? (
        <p data-testid="sync-refused-record">
          {t('refusedRecord', { seq: record.seq, type: types(record.type as RecordType) ?? record.type })}
          <br />
          <span class="mono">{t('recordId', { id: record.id })}</span>
        </p>
      ) : (
        e.fromSeq !== undefined && <p>{t('refusedRange', { from: e.fromSeq, to: e.toSeq ?? e.fromSeq })}</p>
      )}
      {e.path && <p class="mono">{t('field', { path: e.path })}</p>}
      {e.missing && e.missing.length > 0 && <p class="mono">{t('missingPhotos', { list: e.missing.map((m) => m.slice(0, 12) + '…').join(', ') })}</p>}
      <p class="muted">{t('kept')}</p>
      {record && <LinkButton href={`#/records/${encodeURIComponent(record.hash)}`}>{t('viewRecord')}</LinkButton>}
    </section>
  );
}
