import type { Campaign } from '../../../domain/campaign';
import { OPINION_SOURCES, OPINION_TAGS } from '../../../domain/opinions';
import { useT } from '../../i18n';
import type { OpinionsAnswer } from '../api-types';
import { opinionMessages } from './messages';

/** Opinions per unit and source, and how many carry each 甄别 tag. */
export function OpinionCounts({ answer, campaign }: { answer: OpinionsAnswer; campaign: Campaign }) {
  const t = useT(opinionMessages);
  const units = [...campaign.units.map((u) => [u.id, u.name] as const), ['', t('noUnit')] as const].filter(([id]) => answer.counts.byUnit[id]);
  const total = (id: string) => Object.values(answer.counts.byUnit[id] ?? {}).reduce((a, b) => a + b, 0);
  return (
    <div class="c-card">
      <h2>{t('countsHeading')}</h2>
      <div class="c-scroll">
        <table class="c-table" data-testid="opinion-counts">
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              {OPINION_SOURCES.map((s) => (
                <th key={s} scope="col">
                  {t(s)}
                </th>
              ))}
              <th scope="col">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map(([id, name]) => (
              <tr key={id}>
                <th scope="row">{name}</th>
                {OPINION_SOURCES.map((s) => (
                  <td key={s}>{answer.counts.byUnit[id]?.[s] ?? 0}</td>
                ))}
                <td>{total(id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="c-muted">{[...OPINION_TAGS, 'untagged' as const].map((x) => `${t(x)} ${answer.counts.byTag[x] ?? 0}`).join(' · ')}</p>
    </div>
  );
}
