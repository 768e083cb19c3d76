/** The campaign editor's scoring sections: components with their parts and totals, and the ranking rules and limits. */
import { DEFAULT_LIMITS } from '../../../domain/review';
import { Button } from '../ui';
import { Check, Field, Part, Problem, Row } from './EditorFields';
import { rowKey, type CampaignForm, type LimitMode, type PartRow } from './form-model';
import { sumOf, useEd, type ListProps } from './EditorLists';

export function Components({ form, set, setRow, addRow, removeRow }: ListProps & { set(p: Partial<CampaignForm>): void }) {
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

export function Ranking({ form, set }: { form: CampaignForm; set(p: Partial<CampaignForm>): void }) {
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
