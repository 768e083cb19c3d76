/** The campaign editor's list sections (basics, stages, units, dimensions with their yes/no questions, scale, rater groups), each field checked as typed. */
import { useT } from '../../i18n';
import { Button } from '../ui';
import { editorMessages } from './editor-messages';
import { Check, Field, Part, Problem, Row } from './EditorFields';
import { rowKey, type CampaignForm, type CheckRow } from './form-model';

export type Lists = 'stages' | 'units' | 'dimensions' | 'checks' | 'scale' | 'groups' | 'components';
export type RowOf<L extends Lists> = CampaignForm[L][number];

export interface ListProps {
  form: CampaignForm;
  setRow: <L extends Lists>(list: L, k: string, patch: Partial<RowOf<L>>) => void;
  addRow: <L extends Lists>(list: L, row: Omit<RowOf<L>, 'k'>) => void;
  removeRow: (list: Lists, k: string) => void;
}

export const useEd = () => useT(editorMessages);

export function Basics({ form, set, campaignId }: { form: CampaignForm; set(p: Partial<CampaignForm>): void; campaignId: string }) {
  const t = useEd();
  return (
    <Part title={t('basics')}>
      <p>
        {t('campaignId')}：<code>{campaignId}</code>
      </p>
      <div class="c-ed-row">
        <Field label={t('name')} path="name" value={form.name} onInput={(name) => set({ name })} wide testId="ed-name" />
        <Field label={t('year')} path="year" value={form.year} onInput={(year) => set({ year })} inputMode="numeric" testId="ed-year" />
      </div>
      <div class="c-ed-row">
        <Field label={t('issuer')} path="issuer" value={form.issuer} onInput={(issuer) => set({ issuer })} wide testId="ed-issuer" />
        <Field label={t('previous')} path="previous" value={form.previous} onInput={(previous) => set({ previous })} testId="ed-previous" />
      </div>
    </Part>
  );
}

export function Stages({ form, setRow, addRow, removeRow }: ListProps) {
  const t = useEd();
  return (
    <Part title={t('stages')}>
      {form.stages.map((s, i) => (
        <Row key={s.k} onRemove={() => removeRow('stages', s.k)} removeLabel={t('removeNamed', { name: s.label || t('stage') })}>
          <Field label={t('levelKey')} path={`stages.${s.k}.id`} value={s.id} onInput={(id) => setRow('stages', s.k, { id })} testId={`ed-stages-${i}-id`} />
          <Field label={t('stage')} path={`stages.${s.k}.label`} value={s.label} onInput={(label) => setRow('stages', s.k, { label })} wide />
          <Field label={t('from')} type="date" path={`stages.${s.k}.from`} value={s.from} onInput={(from) => setRow('stages', s.k, { from })} />
          <Field label={t('to')} type="date" path={`stages.${s.k}.to`} value={s.to} onInput={(to) => setRow('stages', s.k, { to })} />
        </Row>
      ))}
      <Button onClick={() => addRow('stages', { id: `stage${form.stages.length + 1}`, label: '', from: '', to: '' })}>{t('addStage')}</Button>
    </Part>
  );
}

export function Units({ form, setRow, addRow, removeRow }: ListProps) {
  const t = useEd();
  return (
    <Part title={`${t('units')}（${form.units.length}）`} path="units" testId="ed-units">
      {form.units.map((u, i) => (
        <Row key={u.k} onRemove={() => removeRow('units', u.k)} removeLabel={t('removeNamed', { name: u.name || u.id })}>
          <Field label={t('levelKey')} path={`units.${u.k}.id`} value={u.id} onInput={(id) => setRow('units', u.k, { id })} testId={`ed-units-${i}-id`} />
          <Field
            label={t('unitName')}
            path={`units.${u.k}.name`}
            value={u.name}
            onInput={(name) => setRow('units', u.k, { name })}
            wide
            testId={`ed-units-${i}-name`}
          />
          <Field
            label={t('category')}
            path={`units.${u.k}.category`}
            value={u.category}
            onInput={(category) => setRow('units', u.k, { category })}
            testId={`ed-units-${i}-category`}
          />
          <Check label={t('retired')} checked={u.retired} onChange={(retired) => setRow('units', u.k, { retired })} />
        </Row>
      ))}
      <Button
        onClick={() => addRow('units', { id: `unit${form.units.length + 1}`, name: '', category: form.units.at(-1)?.category ?? '', retired: false })}
        data-testid="ed-add-unit"
      >
        {t('addUnit')}
      </Button>
    </Part>
  );
}

function CheckRows({ rows, onChange, path }: { rows: CheckRow[]; onChange(rows: CheckRow[]): void; path: string }) {
  const t = useEd();
  return (
    <>
      {rows.map((c, i) => (
        <Row key={c.k} onRemove={() => onChange(rows.filter((x) => x.k !== c.k))} removeLabel={t('removeNamed', { name: c.label || c.id })}>
          <Field label={t('levelKey')} path={`checks.${c.k}.id`} value={c.id} onInput={(id) => onChange(rows.map((x) => (x.k === c.k ? { ...x, id } : x)))} />
          <Field
            label={t('check')}
            path={`checks.${c.k}.label`}
            value={c.label}
            wide
            testId={`${path}-${i}-label`}
            onInput={(label) => onChange(rows.map((x) => (x.k === c.k ? { ...x, label } : x)))}
          />
        </Row>
      ))}
      <Button onClick={() => onChange([...rows, { k: rowKey(), id: `check${Date.now().toString(36)}`, label: '' }])} data-testid={`${path}-add`}>
        {t('addCheck')}
      </Button>
    </>
  );
}

export function Dimensions({ form, set, setRow, addRow, removeRow }: ListProps & { set(p: Partial<CampaignForm>): void }) {
  const t = useEd();
  return (
    <Part title={`${t('dimensions')}（${form.dimensions.length}）`} path="dimensions" testId="ed-dimensions">
      {form.dimensions.map((d, i) => (
        <div class="c-ed-group" key={d.k}>
          <Row onRemove={() => removeRow('dimensions', d.k)} removeLabel={t('removeNamed', { name: d.label || d.id })}>
            <Field label={t('levelKey')} path={`dimensions.${d.k}.id`} value={d.id} onInput={(id) => setRow('dimensions', d.k, { id })} />
            <Field
              label={t('dimension')}
              path={`dimensions.${d.k}.label`}
              value={d.label}
              onInput={(label) => setRow('dimensions', d.k, { label })}
              testId={`ed-dimensions-${i}-label`}
            />
            <Field
              label={t('hint')}
              path={`dimensions.${d.k}.hint`}
              value={d.hint}
              onInput={(hint) => setRow('dimensions', d.k, { hint })}
              multiline
              wide
              testId={`ed-dimensions-${i}-hint`}
            />
          </Row>
          <div class="c-ed-sub" role="group" aria-label={`${d.label} · ${t('checksUnder')}`}>
            <p class="c-muted">{t('checksUnder')}</p>
            <CheckRows rows={d.checks} path={`ed-dimensions-${i}-checks`} onChange={(checks) => setRow('dimensions', d.k, { checks })} />
          </div>
        </div>
      ))}
      <Button onClick={() => addRow('dimensions', { id: `dim${form.dimensions.length + 1}`, label: '', hint: '', checks: [] })}>{t('addDimension')}</Button>
      <div class="c-ed-sub" role="group" aria-label={t('looseChecks')}>
        <p class="c-muted">{t('looseChecks')}</p>
        <CheckRows rows={form.checks} path="ed-checks" onChange={(checks) => set({ checks })} />
      </div>
    </Part>
  );
}

export function Scale({ form, setRow, addRow, removeRow }: ListProps) {
  const t = useEd();
  return (
    <Part title={t('scale')} path="scale" testId="ed-scale">
      {form.scale.map((l, i) => (
        <Row key={l.k} onRemove={() => removeRow('scale', l.k)} removeLabel={t('removeNamed', { name: l.label || l.key })}>
          <Field label={t('levelKey')} path={`scale.${l.k}.key`} value={l.key} onInput={(key) => setRow('scale', l.k, { key })} />
          <Field
            label={t('label')}
            path={`scale.${l.k}.label`}
            value={l.label}
            onInput={(label) => setRow('scale', l.k, { label })}
            testId={`ed-scale-${i}-label`}
          />
          <Field
            label={t('score')}
            path={`scale.${l.k}.score`}
            value={l.score}
            inputMode="decimal"
            onInput={(score) => setRow('scale', l.k, { score })}
            testId={`ed-scale-${i}-score`}
          />
        </Row>
      ))}
      <Button onClick={() => addRow('scale', { key: `level${form.scale.length + 1}`, label: '', score: '' })}>{t('addLevel')}</Button>
    </Part>
  );
}

export const sumOf = (xs: string[]) => Number(xs.reduce((s, x) => s + (Number(x) || 0), 0).toFixed(4));

export function Groups({ form, setRow, addRow, removeRow }: ListProps) {
  const t = useEd();
  return (
    <Part title={t('groups')} testId="ed-groups">
      {form.groups.map((g, i) => (
        <Row key={g.k} onRemove={() => removeRow('groups', g.k)} removeLabel={t('removeNamed', { name: g.label || g.id })}>
          <Field label={t('levelKey')} path={`groups.${g.k}.id`} value={g.id} onInput={(id) => setRow('groups', g.k, { id })} />
          <Field label={t('label')} path={`groups.${g.k}.label`} value={g.label} onInput={(label) => setRow('groups', g.k, { label })} wide />
          <Field
            label={t('weight')}
            path={`groups.${g.k}.weight`}
            value={g.weight}
            inputMode="decimal"
            onInput={(weight) => setRow('groups', g.k, { weight })}
            testId={`ed-groups-${i}-weight`}
          />
        </Row>
      ))}
      <p class="c-ed-total" data-testid="ed-group-total">
        {t('groupTotal', { sum: sumOf(form.groups.map((g) => g.weight)) })}
      </p>
      <Problem path="groups" />
      <Button onClick={() => addRow('groups', { id: `group${form.groups.length + 1}`, label: '', weight: '0' })}>{t('addGroup')}</Button>
    </Part>
  );
}
