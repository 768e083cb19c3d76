import { useT } from '../../i18n';
import { ApiError } from '../api';
import { useConsole, useLoad } from '../context';
import { opinionMessages, type OpinionKey } from '../opinions/messages';
import { ErrorBanner, Loading } from '../ui';
import { rectMessages } from './messages';

const fixed2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/**
 * 反馈材料 of a unit account: its total beside the campaign's average, its rank, and the opinions
 * the office verified with its note. The pack never names who gave or noted an opinion.
 */
export function UnitFeedback(props: { campaignId: string }) {
  const t = useT(rectMessages);
  const to = useT(opinionMessages);
  const { api } = useConsole();
  const pack = useLoad(() => api.unitFeedback(props.campaignId), [props.campaignId]);
  const u = pack.data?.units[0];
  return (
    <section class="c-card" aria-labelledby="unit-feedback" data-testid="unit-feedback">
      <h2 id="unit-feedback">{t('fbHeading')}</h2>
      {pack.error instanceof ApiError && pack.error.code === 'not-found' ? (
        <p>{t('fbNotYet')}</p>
      ) : (
        pack.error != null && <ErrorBanner error={pack.error} onRetry={pack.reload} />
      )}
      {pack.loading && !pack.data && <Loading />}
      {u && (
        <>
          <p>
            {t('fbTotal')} <strong>{fixed2(u.total.value)}</strong> <span class="c-muted">({t('fbAverage', { v: fixed2(u.total.average) })})</span>
            {u.rank !== null && <> · {t('fbRank', { rank: u.rank, n: pack.data!.ranked })}</>}
          </p>
          <h3>{t('fbOpinions')}</h3>
          {u.opinions.length === 0 && <p>{t('fbNoOpinions')}</p>}
          <ul data-testid="unit-feedback-opinions">
            {u.opinions.map((o, i) => (
              <li key={i}>
                <strong>{to(o.source as OpinionKey)}</strong>
                {o.dimension && ` · ${o.dimension}`} {o.text}
                {o.tags.length > 0 && <span class="c-muted"> ({o.tags.map((x) => to(x as OpinionKey)).join('、')})</span>}
                {o.note && (
                  <>
                    {' '}
                    · {t('fbNote')}：{o.note}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
