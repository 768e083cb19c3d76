import { useT } from '../../i18n';
import { Icon } from '../../components/icons';
import { str, strs, toggleIn, unitOptions, withField } from '../common/body';
import { MultiChips, SingleChips } from '../common/Chips';
import type { EditorProps } from '../common/editor';
import { TextArea, TextInput, TimeInput } from '../common/Inputs';
import { fixOf, LocationField } from '../common/LocationField';
import { common } from '../common/messages';
import { PhotoPicker } from '../common/PhotoPicker';
import { placeMessages } from '../common/place-messages';
import { Question } from '../common/Question';
import { visitMessages } from './messages';

/** A finding of 明察暗访: what, where, how bad; the description and names are confidential. */
export function VisitEditor(p: EditorProps) {
  const t = useT(visitMessages);
  const tc = useT(common);
  const tp = useT(placeMessages);
  const c = p.campaign;
  const b = p.body;
  const set = (key: string, v: unknown) => p.onBody(withField(b, key, v));
  const setSecret = (key: string, v: string) => p.onSecret(withField(p.secret ?? {}, key, v));
  const bad = (a: string) => p.invalid.has(a);
  return (
    <div class="form-body">
      <Question anchor="unit" label={t('unit')} invalid={bad('unit')}>
        <SingleChips label={t('unit')} options={unitOptions(c)} value={str(b.unitId)} onChange={(v) => set('unitId', v)} />
      </Question>
      <Question anchor="mode" label={t('mode')} invalid={bad('mode')}>
        {p.canSeal || p.mode !== 'new' ? (
          <SingleChips
            big
            label={t('mode')}
            options={[
              { value: 'covert', label: t('covert') },
              { value: 'open', label: t('open') },
            ]}
            value={str(b.mode)}
            onChange={(v) => set('mode', v)}
          />
        ) : (
          // Without the campaign's key nothing could be encrypted: a covert visit cannot be started.
          <>
            <SingleChips
              big
              label={t('mode')}
              options={[{ value: 'open', label: t('open') }]}
              value={str(b.mode) === 'open' ? 'open' : undefined}
              onChange={(v) => set('mode', v)}
            />
            <p class="form-error" role="alert" data-testid="covert-needs-key">
              <Icon name="lock" size={18} /> {t('covertNeedsKey')}
            </p>
          </>
        )}
      </Question>
      <Question anchor="visitedAt" label={t('visitedAt')} invalid={bad('visitedAt')}>
        <TimeInput id="visit-time" label={t('visitedAt')} value={str(b.visitedAt)} nowLabel={tc('now')} onChange={(v) => set('visitedAt', v)} />
      </Question>
      <Question anchor="place" label={t('place')} invalid={bad('place')}>
        <TextInput id="visit-place" label={t('place')} placeholder={t('placeHint')} value={str(b.place)} maxLength={200} onInput={(v) => set('place', v)} />
      </Question>
      <LocationField value={fixOf(b.location)} onChange={(fix) => set('location', fix)} />
      <Question anchor="categories" label={t('categories')} invalid={bad('categories')}>
        <MultiChips
          label={t('categories')}
          options={c.findingCategories.map((x) => ({ value: x.id, label: x.label }))}
          value={strs(b.categories)}
          onToggle={(id) =>
            set(
              'categories',
              toggleIn(
                strs(b.categories),
                id,
                c.findingCategories.map((x) => x.id),
              ),
            )
          }
        />
      </Question>
      <Question anchor="severity" label={t('severity')} invalid={bad('severity')}>
        <SingleChips
          big
          label={t('severity')}
          options={c.severities.map((x) => ({ value: x.id, label: x.label }))}
          value={str(b.severity)}
          onChange={(v) => set('severity', v)}
        />
      </Question>
      {p.canSeal && (
        <>
          <Question anchor="description" label={t('description')} invalid={bad('description')} optional={p.mode === 'amend' ? tc('optional') : undefined}>
            <p class="confidential">
              <Icon name="lock" size={18} /> {tc('confidential')}
            </p>
            <TextArea
              id="visit-description"
              label={t('description')}
              placeholder={t('descriptionHint')}
              rows={5}
              maxLength={8000}
              value={str(p.secret?.description)}
              onInput={(v) => setSecret('description', v)}
            />
          </Question>
          <Question anchor="names" label={t('names')} optional={tc('optional')}>
            <TextArea
              id="visit-names"
              label={t('names')}
              placeholder={t('namesHint')}
              rows={2}
              maxLength={2000}
              value={str(p.secret?.names)}
              onInput={(v) => setSecret('names', v)}
            />
          </Question>
        </>
      )}
      {/* The picker says photos are encrypted only when they will be. */}
      {p.mode === 'new' && p.photos && <PhotoPicker photos={p.photos} covert={b.mode === 'covert' && p.canSeal} />}
      {p.mode === 'amend' && <p class="muted">{tp('noPhotosInAmend')}</p>}
    </div>
  );
}
