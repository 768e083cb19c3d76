import type { Campaign } from '../../../domain/campaign';
import { useT } from '../../i18n';
import { str, type Body } from '../common/body';
import { focusQuestion } from '../common/Question';
import { f2fMessages } from './messages';

/** The items a questionnaire asks, in order: rater group, each dimension, overall. */
export function progressItems(c: Campaign, body: Body, groupLabel: string, overallLabel: string): { anchor: string; label: string; done: boolean }[] {
  const ratings = (body.ratings ?? {}) as Record<string, unknown>;
  return [
    { anchor: 'raterGroup', label: groupLabel, done: !!str(body.raterGroup) },
    ...c.dimensions.map((d) => ({ anchor: `dim-${d.id}`, label: d.label, done: !!str(ratings[d.id]) })),
    { anchor: 'overall', label: overallLabel, done: !!str(body.overall) },
  ];
}

/** 已答 7/10, and an index of every item: a tap jumps to it; answered ones are marked. */
export function Progress(props: { campaign: Campaign; body: Body }) {
  const t = useT(f2fMessages);
  const items = progressItems(props.campaign, props.body, t('raterGroup'), t('overall'));
  const done = items.filter((i) => i.done).length;
  return (
    <nav class="q-index" aria-label={t('index')}>
      <span class="q-progress" data-testid="f2f-progress">
        {t('progress', { done, total: items.length })}
      </span>
      <ol class="q-index-list">
        {items.map((it, i) => (
          <li key={it.anchor}>
            <button
              type="button"
              class={`q-index-btn${it.done ? ' q-index-done' : ''}`}
              aria-label={t(it.done ? 'indexDone' : 'indexOpen', { n: i + 1, label: it.label })}
              title={it.label}
              onClick={() => focusQuestion(it.anchor)}
            >
              {i + 1}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
