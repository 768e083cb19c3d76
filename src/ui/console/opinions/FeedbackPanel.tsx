import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useConsole } from '../context';
import { UnitSelect } from '../ui';
import { opinionMessages } from './messages';

type Choice = 'verified' | 'all' | 'none';

/** 反馈材料: the feedback pack of one unit or all, as a page to print (A4) or a workbook; the office chooses the opinions that go in. */
export function FeedbackPanel() {
  const t = useT(opinionMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const [unitId, setUnitId] = useState('');
  const [choice, setChoice] = useState<Choice>('verified');
  return (
    <div class="c-card" role="group" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('feedbackHeading')}</h2>
      <p class="c-muted">{t('feedbackIntro')}</p>
      <div class="c-filters">
        <label class="c-field c-inline">
          <span>{t('unit')}</span>
          <UnitSelect units={c.units} value={unitId} onChange={setUnitId} none={t('allUnits')} />
        </label>
        <label class="c-field c-inline">
          <span>{t('feedbackOpinions')}</span>
          <select value={choice} onChange={(e) => setChoice(e.currentTarget.value as Choice)}>
            <option value="verified">{t('feedbackVerified')}</option>
            <option value="all">{t('feedbackAll')}</option>
            <option value="none">{t('feedbackNone')}</option>
          </select>
        </label>
      </div>
      <div class="c-actions">
        <a class="c-btn c-btn-primary" href={api.feedbackUrl(c.id, 'html', unitId, choice)} target="_blank" rel="noopener" data-format="html">
          {t('feedbackPrint')}
        </a>
        <a class="c-btn c-btn-plain" href={api.feedbackUrl(c.id, 'xlsx', unitId, choice)} download data-format="xlsx">
          {t('feedbackXlsx')}
        </a>
      </div>
    </div>
  );
}
