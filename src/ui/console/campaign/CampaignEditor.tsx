import { useMemo, useState } from 'preact/hooks';
import { campaignChanges } from '../../../domain/campaign-diff';
import { DEFAULT_LIMITS } from '../../../domain/review';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { Button } from '../ui';
import { ChangeList } from './ChangeList';
import { editorMessages } from './editor-messages';
import { Check, EditorContext, Field, Part, Problem, Row, type EditorCtx } from './EditorFields';
import { checkForm, formFromCampaign, rowKey, type CampaignForm, type CheckRow, type LimitMode, type PartRow } from './form-model';
import { KeySection } from './KeySection';
import { QuestionnairePreview } from './QuestionnairePreview';
import { SaveFlow } from './SaveFlow';

type Lists = 'stages' | 'units' | 'dimensions' | 'checks' | 'scale' | 'groups' | 'components';
type RowOf<L extends Lists> = CampaignForm[L][number];

/** Paths whose problem shows before anything is typed: totals that stop adding up as another field changes. */
const ALWAYS = /^(groups|components|scale|units|dimensions)$|\.parts$/;

/**
 * 编辑活动: the definition field by field, checked as the office types (the problem next to its
 * field, in the interface language), with the changes against the version in force, a preview of
 * the tablet's questionnaire, and the save as a new version (SaveFlow: the server's guards). With
 * `isNew` the definition is a new campaign's (from a template) and the save makes its version 1.
 */
export function CampaignEditor({ base, isNew = false, onSaved }: { base: Campaign; isNew?: boolean; onSaved(version: number): void }) {
  const t = useT(editorMessages);
  const [form, setForm] = useState<CampaignForm>(() => formFromCampaign(base));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [preview, setPreview] = useState(false);
  const check = useMemo(() => checkForm(form, base), [form, base]);
  const ctx: EditorCtx = {
    t,
    problem: (path) => {
      const p = check.problems[path];
      return p && (showAll || touched.has(path) || ALWAYS.test(path)) ? t(p.key, p.vars) : undefined;
    },
    touch: (path) => !touched.has(path) && setTouched(new Set(touched).add(path)),
  };
  const set = (patch: Partial<CampaignForm>) => setForm((f) => ({ ...f, ...patch }));
  const setRow = <L extends Lists>(list: L, k: string, patch: Partial<RowOf<L>>) =>
    setForm((f) => ({ ...f, [list]: (f[list] as RowOf<L>[]).map((r) => (r.k === k ? { ...r, ...patch } : r)) }));
  const addRow = <L extends Lists>(list: L, row: Omit<RowOf<L>, 'k'>) => setForm((f) => ({ ...f, [list]: [...f[list], { k: rowKey(), ...row }] }));
  const removeRow = (list: Lists, k: string) => setForm((f) => ({ ...f, [list]: (f[list] as { k: string }[]).filter((r) => r.k !== k) }));
  const problemCount = Object.keys(check.problems).length;
  // Every problem shown, and the first field with one brought into view.
  const reveal = () => {
    setShowAll(true);
    setTimeout(() => document.querySelector<HTMLElement>('.c-editor [aria-invalid="true"]')?.focus(), 0);
  };
  const changes = check.campaign && !isNew ? campaignChanges(base, check.campaign) : [];

  return (
    <EditorContext.Provider value={ctx}>
      <div class="c-editor" data-testid="campaign-editor">
        <p class="c-muted">{t('editorHint')}</p>
        <Basics form={form} set={set} campaignId={base.id} />
        <Stages form={form} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Units form={form} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Dimensions form={form} set={set} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Scale form={form} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Groups form={form} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Components form={form} set={set} setRow={setRow} addRow={addRow} removeRow={removeRow} />
        <Ranking form={form} set={set} />
        <KeySection campaignId={base.id} value={form.encryptionKey} onChange={(encryptionKey) => set({ encryptionKey })} />

        <div class="c-ed-end">
          {problemCount > 0 ? (
            <div class="c-banner c-banner-warn" role="status" data-testid="editor-problems">
              <span>{t('fix', { n: problemCount })}</span>{' '}
              {!showAll && (
                <Button onClick={reveal} data-testid="show-problems">
                  {t('showProblems')}
                </Button>
              )}
              {showAll && (
                <ul>
                  {Object.entries(check.problems)
                    .filter(([path]) => path.startsWith('schema.'))
                    .map(([path, p]) => (
                      <li key={path}>{t(p.key, p.vars)}</li>
                    ))}
                </ul>
              )}
            </div>
          ) : (
            check.campaign && (
              <>
                <Button onClick={() => setPreview(!preview)} aria-expanded={preview} data-testid="preview-toggle">
                  {preview ? t('hidePreview') : t('preview')}
                </Button>
                {preview && <QuestionnairePreview campaign={check.campaign} />}
                {isNew ? (
                  <p>{t('newSummary', { units: form.units.length, dimensions: form.dimensions.length, levels: form.scale.length })}</p>
                ) : changes.length > 0 ? (
                  <>
                    <p>{t('changes')}</p>
                    <ChangeList changes={changes} testId="editor-changes" />
                  </>
                ) : (
                  <p class="c-muted">{t('noChanges')}</p>
                )}
                {(isNew || changes.length > 0) && <SaveFlow draft={check.campaign} current={base} onSaved={onSaved} />}
              </>
            )
          )}
        </div>
      </div>
    </EditorContext.Provider>
  );
}

interface ListProps {
  form: CampaignForm;
  setRow: <L extends Lists>(list: L, k: string, patch: Partial<RowOf<L>>) => void;
  addRow: <L extends Lists>(list: L, row: Omit<RowOf<L>, 'k'>) => void;
  removeRow: (list: Lists, k: string) => void;
}

const useEd = () => useT(editorMessages);

function Basics({ form, set, campaignId }: { form: CampaignForm; set(p: Partial<CampaignForm>): void; campaignId: string }) {
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

function Stages({ form, setRow, addRow, removeRow }: ListProps) {
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

function Units({ form, setRow, addRow, removeRow }: ListProps) {
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

function Dimensions({ form, set, setRow, addRow, removeRow }: ListProps & { set(p: Partial<CampaignForm>): void }) {
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

function Scale({ form, setRow, addRow, removeRow }: ListProps) {
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

const sumOf = (xs: string[]) => Number(xs.reduce((s, x) => s + (Number(x) || 0), 0).toFixed(4));

function Groups({ form, setRow, addRow, removeRow }: ListProps) {
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

function Components({ form, set, setRow, addRow, removeRow }: ListProps & { set(p: Partial<CampaignForm>): void }) {
  const t = useEd();
  const setParts = (k: string, parts: PartRow[]) => setRow('components', k, { parts });
  return (
    <Part title={t('components')} testId="ed-components">
      {form.components.map((c, i) => (
        <div class="c-ed-group" key={c.k}>
          <Row onRemove={() => removeRow('components', c.k)} removeLabel={t('removeNamed', { name: c.label || c.id })}>
            <Field label={t('levelKey')} path={`components.${c.k}.id`} value={c.id} onInput={(id) => setRow('components', c.k, { id })} />
            <Field label={t('component')} path={`components.${c.k}.label`} value={c.label} onInput={(label) => setRow('components', c.k, { label })} wide />
            <Field
              label={t('max')}
              path={`components.${c.k}.max`}
              value={c.max}
              inputMode="decimal"
              onInput={(max) => setRow('components', c.k, { max })}
              testId={`ed-components-${i}-max`}
            />
          </Row>
          <div class="c-ed-sub" role="group" aria-label={`${c.label} · ${t('parts')}`}>
            {c.parts.map((p, j) => {
              const update = (patch: Partial<PartRow>) =>
                setParts(
                  c.k,
                  c.parts.map((x) => (x.k === p.k ? { ...x, ...patch } : x)),
                );
              return (
                <Row
                  key={p.k}
                  onRemove={() =>
                    setParts(
                      c.k,
                      c.parts.filter((x) => x.k !== p.k),
                    )
                  }
                  removeLabel={t('removeNamed', { name: p.label || t(p.from) })}
                >
                  <div class="c-field c-ed-field">
                    <label for={`ed-part-${p.k}-from`}>{t('source')}</label>
                    <select id={`ed-part-${p.k}-from`} value={p.from} onChange={(e) => update({ from: e.currentTarget.value as PartRow['from'] })}>
                      <option value="survey">{t('survey')}</option>
                      <option value="manual">{t('manual')}</option>
                    </select>
                  </div>
                  {p.from === 'manual' && (
                    <>
                      <Field label={t('manualId')} path={`parts.${p.k}.id`} value={p.id} onInput={(id) => update({ id })} />
                      <Field label={t('manualLabel')} path={`parts.${p.k}.label`} value={p.label} onInput={(label) => update({ label })} />
                    </>
                  )}
                  <Field
                    label={t('share')}
                    path={`parts.${p.k}.weight`}
                    value={p.weight}
                    inputMode="decimal"
                    onInput={(weight) => update({ weight })}
                    testId={`ed-components-${i}-parts-${j}-weight`}
                  />
                </Row>
              );
            })}
            <p class="c-ed-total">{t('partTotal', { sum: sumOf(c.parts.map((p) => p.weight)) })}</p>
            <Problem path={`components.${c.k}.parts`} />
            <Button onClick={() => setParts(c.k, [...c.parts, { k: rowKey(), from: 'manual', id: `${c.id}${c.parts.length + 1}`, label: '', weight: '0' }])}>
              {t('addPart')}
            </Button>
          </div>
        </div>
      ))}
      <p class="c-ed-total" data-testid="ed-max-total">
        {t('maxTotal', { sum: sumOf(form.components.map((c) => c.max)) })}
      </p>
      <Problem path="components" />
      <Button
        onClick={() =>
          addRow('components', {
            id: `part${form.components.length + 1}`,
            label: '',
            max: '0',
            parts: [{ k: rowKey(), from: 'survey', id: '', label: '', weight: '100' }],
          })
        }
      >
        {t('addComponent')}
      </Button>
      <div class="c-ed-sub">
        <Check label={t('bonusOn')} checked={form.bonus.on} onChange={(on) => set({ bonus: { ...form.bonus, on } })} />
        {form.bonus.on && (
          <div class="c-ed-row">
            <Field label={t('bonusLabel')} path="bonus.label" value={form.bonus.label} onInput={(label) => set({ bonus: { ...form.bonus, label } })} />
            <div class="c-field c-ed-field">
              <label for="ed-bonus-component">{t('bonusComponent')}</label>
              <select
                id="ed-bonus-component"
                value={form.bonus.component}
                onChange={(e) => set({ bonus: { ...form.bonus, component: e.currentTarget.value } })}
              >
                {form.components.map((c) => (
                  <option key={c.k} value={c.id}>
                    {c.label || c.id}
                  </option>
                ))}
              </select>
              <Problem path="bonus.component" />
            </div>
            <Field label={t('byRank')} path="bonus.byRank" value={form.bonus.byRank} onInput={(byRank) => set({ bonus: { ...form.bonus, byRank } })} />
          </div>
        )}
      </div>
    </Part>
  );
}

function Ranking({ form, set }: { form: CampaignForm; set(p: Partial<CampaignForm>): void }) {
  const t = useEd();
  const l = form.limits;
  const mode = (name: 'perDay' | 'burst', label: string, value: string) => (
    <div class="c-field c-ed-field">
      <label for={`ed-limit-${name}`}>{label}</label>
      <select
        id={`ed-limit-${name}`}
        value={l[name]}
        data-testid={`ed-limit-${name}`}
        onChange={(e) => set({ limits: { ...l, [name]: e.currentTarget.value as LimitMode } })}
      >
        <option value="default">{t('modeDefault', { value })}</option>
        <option value="off">{t('modeOff')}</option>
        <option value="set">{t('modeSet')}</option>
      </select>
    </div>
  );
  const burst = DEFAULT_LIMITS.burst!;
  return (
    <>
      <Part title={t('ranking')}>
        <Check label={t('rankWithin')} checked={form.rankWithin} onChange={(rankWithin) => set({ rankWithin })} testId="ed-rank-within" />
        <div class="c-ed-row">
          <Field
            label={t('minSamplePerGroup')}
            path="minSamplePerGroup"
            value={form.minSamplePerGroup}
            inputMode="numeric"
            onInput={(minSamplePerGroup) => set({ minSamplePerGroup })}
          />
          <Field
            label={t('minSampleToRank')}
            path="minSampleToRank"
            value={form.minSampleToRank}
            inputMode="numeric"
            onInput={(minSampleToRank) => set({ minSampleToRank })}
            testId="ed-min-to-rank"
          />
        </div>
      </Part>
      <Part title={t('limits')}>
        <div class="c-ed-row">
          {mode('perDay', t('perDay'), `${DEFAULT_LIMITS.maxPerDevicePerDay}`)}
          {l.perDay === 'set' && (
            <Field label={t('perDayN')} path="limits.perDayN" value={l.perDayN} inputMode="numeric" onInput={(perDayN) => set({ limits: { ...l, perDayN } })} />
          )}
        </div>
        <div class="c-ed-row">
          {mode('burst', t('burst'), `${burst.count} / ${burst.minutes}′`)}
          {l.burst === 'set' && (
            <>
              <Field
                label={t('burstCount')}
                path="limits.burstCount"
                value={l.burstCount}
                inputMode="numeric"
                onInput={(burstCount) => set({ limits: { ...l, burstCount } })}
              />
              <Field
                label={t('burstMinutes')}
                path="limits.burstMinutes"
                value={l.burstMinutes}
                inputMode="numeric"
                onInput={(burstMinutes) => set({ limits: { ...l, burstMinutes } })}
              />
            </>
          )}
        </div>
      </Part>
    </>
  );
}
