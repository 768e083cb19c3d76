import type { Campaign } from '../../../domain/campaign';
import { useT } from '../../i18n';
import { str, unitName, withField, type Body } from '../common/body';
import { SingleChips } from '../common/Chips';
import { TextArea } from '../common/Inputs';
import { common } from '../common/messages';
import { Question } from '../common/Question';
import { forumMessages } from './messages';
import { OPINION_KINDS, opinionsOf, type Opinion } from './model';

/** The opinions raised at a forum, each tagged by kind, unit and dimension; added and removed freely. */
export function OpinionList(p: { campaign: Campaign; body: Body; onBody(b: Body): void; invalid: Set<string> }) {
  const t = useT(forumMessages);
  const tc = useT(common);
  const list = opinionsOf(p.body);
  const units = Array.isArray(p.body.unitIds) ? (p.body.unitIds as string[]) : [];
  const setList = (next: Opinion[]) => p.onBody({ ...p.body, opinions: next });
  const update = (i: number, key: keyof Opinion, v: string | undefined) => setList(list.map((o, j) => (j === i ? (withField(o, key, v) as Opinion) : o)));
  return (
    <section class="form-part" aria-label={t('opinions')}>
      <h2 class="form-part-title">{t('opinions')}</h2>
      {!list.length && <p class="muted">{t('noOpinions')}</p>}
      <div class="item-list">
        {list.map((o, i) => (
          <Question key={i} anchor={`opinion-${i}`} label={t('opinionN', { n: i + 1 })} invalid={p.invalid.has(`opinion-${i}`)} class="item">
            <div class="item-row">
              <span class="item-row-label">{t('kind')}</span>
              <SingleChips
                label={t('kind')}
                options={OPINION_KINDS.map((k) => ({ value: k, label: t(`k_${k}`) }))}
                value={o.kind}
                onChange={(v) => update(i, 'kind', v ?? 'opinion')}
              />
            </div>
            {units.length > 0 && (
              <div class="item-row">
                <span class="item-row-label">{t('unit')}</span>
                <SingleChips
                  clearable
                  label={t('unit')}
                  options={units.map((u) => ({ value: u, label: unitName(p.campaign, u) }))}
                  value={o.unitId}
                  onChange={(v) => update(i, 'unitId', v)}
                />
              </div>
            )}
            <div class="item-row">
              <span class="item-row-label">{t('dimension')}</span>
              <select
                class="select"
                aria-label={t('dimension')}
                value={str(o.dimensionId)}
                onChange={(e) => update(i, 'dimensionId', (e.currentTarget as HTMLSelectElement).value || undefined)}
              >
                <option value="">{tc('none')}</option>
                {p.campaign.dimensions.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
            <TextArea
              id={`opinion-text-${i}`}
              label={t('opinionText', { n: i + 1 })}
              placeholder={t('text')}
              maxLength={2000}
              value={o.text}
              onInput={(v) => update(i, 'text', v)}
            />
            <div class="item-row">
              <button type="button" class="btn btn-danger" onClick={() => setList(list.filter((_, j) => j !== i))}>
                {tc('remove')} {t('opinionN', { n: i + 1 })}
              </button>
            </div>
          </Question>
        ))}
      </div>
      <button type="button" class="btn btn-secondary btn-large" onClick={() => setList([...list, { kind: 'opinion', text: '' }])}>
        {t('addOpinion')}
      </button>
    </section>
  );
}
