import { useT } from '../../i18n';
import { Icon } from '../../components/icons';
import { str, withField, type Body } from '../common/body';
import { SingleChips } from '../common/Chips';
import { TextArea, TextInput } from '../common/Inputs';
import { common } from '../common/messages';
import { Question } from '../common/Question';
import { f2fMessages } from './messages';
import { AGE_BANDS, OCCUPATIONS, type F2fSecret } from './model';

/** The optional part: comment, who the respondent is, and a contact only with their consent. */
export function RespondentPart(p: {
  body: Body;
  secret: F2fSecret | undefined;
  onBody(next: Body): void;
  onSecret(next: F2fSecret | null): void;
  invalid: Set<string>;
  canSeal: boolean;
}) {
  const t = useT(f2fMessages);
  const tc = useT(common);
  const respondent = (p.body.respondent ?? {}) as Record<string, string>;
  const setRespondent = (key: string, v: string | undefined) => p.onBody(withField(p.body, 'respondent', withField(respondent, key, v)));
  const secret = p.secret ?? {};
  const setSecret = (key: keyof F2fSecret, v: string) => p.onSecret({ ...secret, [key]: v });
  return (
    <div class="form-part">
      <h2 class="form-part-title">{t('more')}</h2>
      <Question anchor="comment" label={t('comment')} optional={tc('optional')}>
        <TextArea
          id="f2f-comment"
          label={t('comment')}
          value={str(p.body.comment)}
          maxLength={2000}
          onInput={(v) => p.onBody(withField(p.body, 'comment', v))}
        />
      </Question>
      <Question anchor="ageBand" label={t('ageBand')} optional={tc('optional')}>
        <SingleChips
          clearable
          label={t('ageBand')}
          options={AGE_BANDS.map((a) => ({ value: a, label: t(`age_${a}`) }))}
          value={respondent.ageBand}
          onChange={(v) => setRespondent('ageBand', v)}
        />
      </Question>
      <Question anchor="occupation" label={t('occupation')} optional={tc('optional')}>
        <SingleChips
          clearable
          label={t('occupation')}
          options={OCCUPATIONS.map((o) => ({ value: o, label: t(`occ_${o}`) }))}
          value={respondent.occupation}
          onChange={(v) => setRespondent('occupation', v)}
        />
      </Question>
      {p.canSeal && (
        <Question anchor="contact" label={t('contact')} optional={tc('optional')} invalid={p.invalid.has('contact')}>
          <label class="toggle">
            <input
              type="checkbox"
              checked={!!secret.contactConsent}
              onChange={(e) => p.onSecret((e.currentTarget as HTMLInputElement).checked ? { ...secret, contactConsent: true } : null)}
            />
            <span>{t('consent')}</span>
          </label>
          {secret.contactConsent && (
            <div class="contact-fields">
              <p class="confidential">
                <Icon name="lock" size={18} /> {tc('confidential')}
              </p>
              <TextInput
                id="f2f-name"
                label={t('name')}
                placeholder={t('name')}
                value={secret.name ?? ''}
                maxLength={100}
                onInput={(v) => setSecret('name', v)}
              />
              <TextInput
                id="f2f-phone"
                label={t('phone')}
                placeholder={t('phone')}
                inputMode="tel"
                value={secret.phone ?? ''}
                maxLength={40}
                onInput={(v) => setSecret('phone', v)}
              />
            </div>
          )}
        </Question>
      )}
    </div>
  );
}
