import { useMemo, useState } from 'preact/hooks';
import { campaignChanges } from '../../../domain/campaign-diff';
import { useT } from '../../i18n';
import type { Campaign } from '../api-types';
import { Button } from '../ui';
import { ChangeList } from './ChangeList';
import { editorMessages } from './editor-messages';
import { EditorContext, type EditorCtx } from './EditorFields';
import { checkForm, formFromCampaign, rowKey, type CampaignForm } from './form-model';
import { KeySection } from './KeySection';
import { QuestionnairePreview } from './QuestionnairePreview';
import { SaveFlow } from './SaveFlow';
import { Basics, Dimensions, Groups, Scale, Stages, Units, type Lists, type RowOf } from './EditorLists';
import { Components, Ranking } from './EditorScoring';

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
