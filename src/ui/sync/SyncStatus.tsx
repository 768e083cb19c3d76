import type { OutboxResult } from '../../sync/run';
import type { OutboxProgress, OutboxState } from '../../sync/state';
import { Banner } from '../components/Banner';
import { formatBytes, formatDateTime, formatTime } from '../components/format';
import { useApp } from '../context';
import { useAnswerText } from './serverAnswers';
import { useT } from '../i18n';
import { SYNC } from './syncMessages';

/** A progress bar of records and bytes. */
export function SyncProgress(props: { p: OutboxProgress }) {
  const t = useT(SYNC);
  const { p } = props;
  const pct = p.totalBytes > 0 ? Math.round((100 * p.doneBytes) / p.totalBytes) : p.totalRecords > 0 ? Math.round((100 * p.doneRecords) / p.totalRecords) : 0;
  return (
    <div data-testid="sync-progress">
      <div class="meter" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p class="muted">
        {t('progress', {
          done: p.doneRecords,
          total: p.totalRecords,
          bytes: formatBytes(p.doneBytes),
          totalBytes: (p.bytesEstimated && !p.finished ? '≈ ' : '') + formatBytes(p.totalBytes),
        })}
      </p>
    </div>
  );
}

/** What the summary needs of the counts: unsent records of enrolled campaigns and photos. */
export interface Waiting {
  records: number;
  photos: number;
  sent: number;
}

/**
 * The end-of-day statement, always from the live figures and the last recorded run (made here, at
 * launch, by another tab or in the background), each with its time: what is waiting now, and what
 * the last sync did. An outcome is told as what happened then, so it never contradicts the counts.
 */
export function SyncSummary(props: { waiting: Waiting | null; result: OutboxResult | null; state: OutboxState | undefined }) {
  const t = useT(SYNC);
  const answer = useAnswerText();
  const { lang } = useApp();
  const { waiting, result, state } = props;
  const last = state?.lastRun;
  const now = waiting
    ? waiting.records > 0
      ? t('waiting', { n: waiting.records }) + (waiting.photos > 0 ? t('waitingPhotos', { n: waiting.photos }) : '')
      : waiting.sent > 0
        ? t('allSent')
        : t('noneYet')
    : '–';
  const failure = last?.result === 'retry' ? state?.lastFailure : null;
  const outcome = (() => {
    if (!last) return t('neverRun');
    const time = formatDateTime(last.at, lang);
    switch (last.result) {
      case 'sent':
        return t('run-sent', { time, n: last.sentRecords });
      case 'nothing':
        return t('run-nothing', { time });
      case 'refused':
        return t('run-refused', { time });
      case 'retry': {
        const reason = failure
          ? answer({ code: failure.code, ...(failure.status ? { status: failure.status } : {}), reason: failure.message })
          : t('run-unknown');
        const until = state?.backoffUntil;
        return until && until > Date.now() ? t('run-retry', { time, reason, until: formatTime(until, lang) }) : t('run-failed', { time, reason });
      }
    }
  })();
  const tone = waiting?.records ? (last?.result === 'refused' ? 'error' : last?.result === 'retry' ? 'warn' : 'info') : 'ok';
  const note = result?.status === 'busy' ? t('result-busy') : null;
  return (
    <Banner tone={tone}>
      <strong class="banner-title" data-testid="sync-waiting">
        {now}
      </strong>
      <p data-testid="sync-last-run">{outcome}</p>
      {note && <p>{note}</p>}
    </Banner>
  );
}
