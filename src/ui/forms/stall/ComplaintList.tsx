import type { Campaign } from '../../../domain/campaign';
import { Icon } from '../../components/icons';
import { useT } from '../../i18n';
import { str, unitName, withField, type Body } from '../common/body';
import { SingleChips } from '../common/Chips';
import { TextArea, TextInput } from '../common/Inputs';
import { common } from '../common/messages';
import { Question } from '../common/Question';
import { stallMessages } from './messages';
import { complaintsOf, contactsOf, withoutComplaint, type Complaint } from './model';

/** Complaints received at the stall; a complainant's contact goes only into the confidential part. */
export function ComplaintList(p: {
  campaign: Campaign;
  body: Body;
  secret: Record<string, unknown> | undefined;
  onBody(b: Body): void;
  onSecret(s: Record<string, unknown> | null): void;
  invalid: Set<string>;
  canSeal: boolean;
}) {
  const t = useT(stallMessages);
  const tc = useT(common);
  const list = complaintsOf(p.body);
  const contacts = contactsOf(p.secret);
  const units = Array.isArray(p.body.unitIds) ? (p.body.unitIds as string[]) : [];
  const unitChoices = (units.length ? units : p.campaign.units.map((u) => u.id)).map((u) => ({ value: u, label: unitName(p.campaign, u) }));
  const categories = [...p.campaign.findingCategories.map((c) => ({ value: c.id, label: c.label })), { value: 'other', label: t('other') }];
  const update = (i: number, key: keyof Complaint, v: string | undefined) =>
    p.onBody({ ...p.body, complaints: list.map((c, j) => (j === i ? (withField(c, key, v) as Complaint) : c)) });
  const setContact = (i: number, v: string) => {
    const next = list.map((_, j) => contacts[j] ?? '');
    next[i] = v;
    p.onSecret({ ...(p.secret ?? {}), contacts: next });
  };
  const remove = (i: number) => {
    const next = withoutComplaint(p.body, p.secret, i);
    p.onBody(next.body);
    p.onSecret(next.secret);
  };
  return (
    <section class="form-part" aria-label={t('complaints')}>
      <h2 class="form-part-title">{t('complaints')}</h2>
      {!list.length && <p class="muted">{t('noComplaints')}</p>}
      <div class="item-list">
        {list.map((c, i) => (
          <Question key={i} anchor={`complaint-${i}`} label={t('complaintN', { n: i + 1 })} invalid={p.invalid.has(`complaint-${i}`)} class="item">
            <div class="item-row">
              <span class="item-row-label">{t('unit')}</span>
              <SingleChips label={t('complaintUnit', { n: i + 1 })} options={unitChoices} value={c.unitId} onChange={(v) => update(i, 'unitId', v)} />
            </div>
            <div class="item-row">
              <span class="item-row-label">{t('category')}</span>
              <SingleChips label={t('category')} options={categories} value={c.category} onChange={(v) => update(i, 'category', v ?? 'other')} />
            </div>
            <TextArea
              id={`complaint-text-${i}`}
              label={t('complaintText', { n: i + 1 })}
              placeholder={t('text')}
              maxLength={2000}
              value={str(c.text)}
              onInput={(v) => update(i, 'text', v)}
            />
            {p.canSeal && (
              <>
                <p class="confidential">
                  <Icon name="lock" size={18} /> {tc('confidential')}
                </p>
                <TextInput
                  id={`complaint-contact-${i}`}
                  label={`${t('contact')} ${i + 1}`}
                  placeholder={t('contactHint')}
                  maxLength={200}
                  value={contacts[i] ?? ''}
                  onInput={(v) => setContact(i, v)}
                />
              </>
            )}
            <div class="item-row">
              <button type="button" class="btn btn-danger" onClick={() => remove(i)}>
                {tc('remove')} {t('complaintN', { n: i + 1 })}
              </button>
            </div>
          </Question>
        ))}
      </div>
      <button
        type="button"
        class="btn btn-secondary btn-large"
        onClick={() => p.onBody({ ...p.body, complaints: [...list, { category: 'other', ...(units.length === 1 ? { unitId: units[0] } : {}) }] })}
      >
        {t('addComplaint')}
      </button>
    </section>
  );
}
