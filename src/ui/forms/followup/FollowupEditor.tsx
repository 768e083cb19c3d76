import { storedRectItem } from '../../../store/rect-items';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { str, unitName, withField } from '../common/body';
import { SingleChips } from '../common/Chips';
import type { EditorProps } from '../common/editor';
import { TextArea, TimeInput } from '../common/Inputs';
import { fixOf, LocationField } from '../common/LocationField';
import { common } from '../common/messages';
import { PhotoPicker } from '../common/PhotoPicker';
import { placeMessages } from '../common/place-messages';
import { Question } from '../common/Question';
import { followupMessages } from './messages';

/** 回头看: the item (chosen before), whether it was fixed, a note, when, where, photos. */
export function FollowupEditor(p: EditorProps) {
  const t = useT(followupMessages);
  const tc = useT(common);
  const tp = useT(placeMessages);
  const { db } = useApp();
  const b = p.body;
  const set = (key: string, v: unknown) => p.onBody(withField(b, key, v));
  const bad = (a: string) => p.invalid.has(a);
  const itemId = str(b.itemId);
  // null once read and not kept (closed since, or never fetched here); undefined while reading.
  const item = useLiveQuery(async () => (await storedRectItem(db, p.campaign.id, itemId)) ?? null, [db, p.campaign.id, itemId]);
  return (
    <div class="form-body">
      <Question anchor="item" label={t('item')} invalid={bad('item')}>
        <div class="followup-item" data-testid="followup-item">
          <p class="followup-unit">
            {t('unit')}：<strong>{unitName(p.campaign, b.unitId)}</strong>
          </p>
          {item.value ? (
            <>
              <p class="followup-problem">{item.value.problem}</p>
              <p class="muted">{t('deadline', { day: item.value.deadline })}</p>
            </>
          ) : (
            item.value === null && <p class="form-error">{t('itemGone')}</p>
          )}
        </div>
      </Question>
      <Question anchor="verdict" label={t('verdict')} invalid={bad('verdict')}>
        <SingleChips
          big
          label={t('verdict')}
          options={[
            { value: 'fixed', label: t('fixed') },
            { value: 'partly', label: t('partly') },
            { value: 'not-fixed', label: t('notFixed') },
          ]}
          value={str(b.verdict)}
          onChange={(v) => set('verdict', v)}
        />
      </Question>
      <Question anchor="note" label={t('note')} optional={tc('optional')}>
        <TextArea
          id="followup-note"
          label={t('note')}
          placeholder={t('noteHint')}
          rows={4}
          maxLength={2000}
          value={str(b.note)}
          onInput={(v) => set('note', v)}
        />
      </Question>
      <Question anchor="visitedAt" label={t('visitedAt')} invalid={bad('visitedAt')}>
        <TimeInput id="followup-time" label={t('visitedAt')} value={str(b.visitedAt)} nowLabel={tc('now')} onChange={(v) => set('visitedAt', v)} />
      </Question>
      <LocationField value={fixOf(b.location)} onChange={(fix) => set('location', fix)} />
      {p.mode === 'new' && p.photos && <PhotoPicker photos={p.photos} covert={false} />}
      {p.mode === 'amend' && <p class="muted">{tp('noPhotosInAmend')}</p>}
    </div>
  );
}
