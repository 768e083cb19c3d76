import { useContext } from 'preact/hooks';
import type { Campaign } from '../../../domain/campaign';
import { LangContext, useT } from '../../i18n';
import type { OpinionRow } from '../api-types';
import type { CampaignKey } from '../findings/keyring';
import { fmtTime } from '../ui';
import { opinionMessages, type OpinionKey } from './messages';
import { SealedText } from './SealedText';

const KINDS: Record<string, OpinionKey> = { opinion: 'opinion', suggestion: 'suggestion', complaint: 'complaint', praise: 'praise' };

/** The category in words: a forum opinion's kind, a finding's categories by their labels, a complaint's category as noted. */
function categoryWords(r: OpinionRow, campaign: Campaign, t: (k: OpinionKey) => string): string {
  if (!r.category) return '';
  if (r.source === 'forum') return KINDS[r.category] ? t(KINDS[r.category]!) : r.category;
  if (r.source === 'finding')
    return r.category
      .split(',')
      .map((id) => campaign.findingCategories.find((c) => c.id === id)?.label ?? id)
      .join('、');
  return r.category;
}

/** The opinions, one row each, with a box to choose it for 甄别. Text is rendered as text only. */
export function OpinionsTable(props: {
  rows: OpinionRow[];
  campaign: Campaign;
  campaignKey: CampaignKey | null;
  chosen: Set<string>;
  onChoose(refs: string[], on: boolean): void;
}) {
  const t = useT(opinionMessages);
  const lang = useContext(LangContext);
  const { rows, campaign } = props;
  const unitName = (id: string | null) => (id === null ? t('noUnit') : (campaign.units.find((u) => u.id === id)?.name ?? id));
  const dimName = (id: string | null) => (id === null ? '' : (campaign.dimensions.find((d) => d.id === id)?.label ?? id));
  const all = rows.length > 0 && rows.every((r) => props.chosen.has(r.ref));
  return (
    <div class="c-scroll">
      <table class="c-table c-opinions">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('chooseAll')}
                checked={all}
                onChange={(e) =>
                  props.onChoose(
                    rows.map((r) => r.ref),
                    e.currentTarget.checked,
                  )
                }
              />
            </th>
            <th scope="col">{t('unit')}</th>
            <th scope="col">{t('dimension')}</th>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('category')}</th>
            <th scope="col">{t('text')}</th>
            <th scope="col">{t('at')}</th>
            <th scope="col">{t('tags')}</th>
            <th scope="col">{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ref} data-ref={r.ref}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('choose')}
                  checked={props.chosen.has(r.ref)}
                  onChange={(e) => props.onChoose([r.ref], e.currentTarget.checked)}
                />
              </td>
              <td>{unitName(r.unitId)}</td>
              <td>{dimName(r.dimensionId)}</td>
              <td>
                {t(r.source)}
                {r.amended && <span class="c-muted"> · {t('amended')}</span>}
              </td>
              <td>{categoryWords(r, campaign, t)}</td>
              <td class="c-opinion-text">{r.text ?? (r.sealed ? <SealedText sealed={r.sealed} campaignKey={props.campaignKey} /> : '')}</td>
              <td>{fmtTime(r.at, lang)}</td>
              <td data-testid="opinion-tags">{r.tags.length ? r.tags.map((x) => t(x)).join('、') : <span class="c-muted">{t('untagged')}</span>}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
