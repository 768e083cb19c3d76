import type { ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import type { RectItemView } from '../api-types';
import { rectMessages, type RectKey } from './messages';

const STATUS: Record<string, RectKey> = { open: 'open', answered: 'answered', verified: 'verified', closed: 'closed' };
const KIND: Record<string, RectKey> = { plan: 'kPlan', progress: 'kProgress', done: 'kDone', 'not-yet': 'kNotYet' };
const VERDICT: Record<string, RectKey> = { fixed: 'vFixed', partly: 'vPartly', 'not-fixed': 'vNotFixed' };

/** One item: problem, deadline and status (overdue days), the unit's answers and the follow-up visits. */
export function ItemCard(props: { item: RectItemView; unitName: string; evidenceUrl?: (sha256: string) => string; children?: ComponentChildren }) {
  const t = useT(rectMessages);
  const i = props.item;
  return (
    <article class="c-card" data-testid="rect-item" data-status={i.status}>
      <h3>
        {props.unitName} · {t(STATUS[i.status]!)}
        {i.overdue && <strong class="c-bad"> · {t('daysOverdue', { n: i.daysOverdue })}</strong>}
      </h3>
      <p>{i.problem}</p>
      <dl class="c-dl">
        <dt>{t('deadline')}</dt>
        <dd>{i.deadline}</dd>
        {i.measures && (
          <>
            <dt>{t('measures')}</dt>
            <dd>{i.measures}</dd>
          </>
        )}
        {i.responsible && (
          <>
            <dt>{t('responsible')}</dt>
            <dd>{i.responsible}</dd>
          </>
        )}
        {i.closeReason && (
          <>
            <dt>{t('closeReason')}</dt>
            <dd>{i.closeReason}</dd>
          </>
        )}
      </dl>
      {i.answers.length > 0 && (
        <section aria-label={t('answers')}>
          <h4>{t('answers')}</h4>
          <ul data-testid="rect-answers">
            {i.answers.map((a) => (
              <li key={a.id}>
                <strong>{t(KIND[a.kind]!)}</strong> {a.text}
                {a.by && ` · ${t('by')} ${a.by}`}{' '}
                <span class="c-muted">
                  ({a.actor}, {a.at.slice(0, 16).replace('T', ' ')})
                </span>
                {(a.evidence ?? []).map((e) =>
                  props.evidenceUrl ? (
                    <a key={e.sha256} href={props.evidenceUrl(e.sha256)} download>
                      {' '}
                      {e.name ?? e.sha256.slice(0, 8)}
                    </a>
                  ) : (
                    <span key={e.sha256}> {e.name ?? e.sha256.slice(0, 8)}</span>
                  ),
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {i.followups.length > 0 && (
        <section aria-label={t('followups')}>
          <h4>{t('followups')}</h4>
          <ul data-testid="rect-followups">
            {i.followups.map((f) => (
              <li key={f.hash}>
                <strong>{t(VERDICT[f.verdict]!)}</strong> {f.note} <span class="c-muted">({f.visitedAt.slice(0, 10)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.children}
    </article>
  );
}
