import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { RectItemView } from '../api-types';
import { useConsole, useRefused } from '../context';
import { Button, ErrorBanner, UnitSelect } from '../ui';
import { rectMessages } from './messages';

/** What a new item's form starts with: empty, or filled from chosen opinions (意见梳理 → 生成整改事项). */
export interface ItemDraft {
  unitId?: string;
  problem?: string;
  /** Hashes of the records the problem comes from. */
  sources?: string[];
  measures?: string;
  responsible?: string;
  deadline?: string;
}

const hashes = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * The form of a rectification item. Without `item` it creates one (an office action) from `draft`;
 * with `item` it changes that open item's problem, measures, person responsible and deadline (its
 * unit never changes), sending only what changed. The server checks everything again.
 */
export function ItemForm(props: { draft?: ItemDraft; item?: RectItemView; onDone(): void; onCancel?(): void }) {
  const t = useT(rectMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const refused = useRefused();
  const start = props.item ?? props.draft ?? {};
  const [unitId, setUnitId] = useState(props.item?.unitId ?? props.draft?.unitId ?? '');
  const [problem, setProblem] = useState(start.problem ?? '');
  const [measures, setMeasures] = useState(start.measures ?? '');
  const [responsible, setResponsible] = useState(start.responsible ?? '');
  const [deadline, setDeadline] = useState(start.deadline ?? '');
  const [sources, setSources] = useState((start.sources ?? []).join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editing = props.item !== undefined;

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (props.item) {
        const was = props.item;
        const change: Record<string, string | string[]> = {};
        if (problem.trim() !== was.problem) change.problem = problem.trim();
        if (measures.trim() !== (was.measures ?? '')) change.measures = measures.trim();
        if (responsible.trim() !== (was.responsible ?? '')) change.responsible = responsible.trim();
        if (deadline !== was.deadline) change.deadline = deadline;
        if (Object.keys(change).length > 0) await api.changeRectification(c.id, was.id, change);
      } else {
        await api.createRectification(c.id, {
          unitId,
          problem: problem.trim(),
          sources: [...new Set(hashes(sources))],
          ...(measures.trim() ? { measures: measures.trim() } : {}),
          ...(responsible.trim() ? { responsible: responsible.trim() } : {}),
          deadline,
        });
      }
      props.onDone();
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  const unitName = c.units.find((u) => u.id === unitId)?.name ?? unitId;
  return (
    <form class="c-rect-form" onSubmit={(e) => void submit(e)} data-testid={editing ? 'rect-edit' : 'rect-create'}>
      {editing ? (
        <p>{t('unitIs', { unit: unitName })}</p>
      ) : (
        <label class="c-field">
          <span>{t('unit')}</span>
          <UnitSelect name="unitId" required units={c.units} value={unitId} onChange={setUnitId} none={t('chooseUnit')} noneDisabled />
        </label>
      )}
      <label class="c-field">
        <span>{t('problem')}</span>
        <textarea name="problem" required maxLength={2000} rows={4} value={problem} onInput={(e) => setProblem(e.currentTarget.value)} />
      </label>
      <label class="c-field">
        <span>{t('measures')}</span>
        <textarea name="measures" maxLength={2000} rows={2} value={measures} onInput={(e) => setMeasures(e.currentTarget.value)} />
      </label>
      <label class="c-field">
        <span>{t('responsible')}</span>
        <input name="responsible" maxLength={200} value={responsible} onInput={(e) => setResponsible(e.currentTarget.value)} />
      </label>
      <label class="c-field">
        <span>{t('deadline')}</span>
        <input name="deadline" type="date" required value={deadline} onInput={(e) => setDeadline(e.currentTarget.value)} />
      </label>
      {!editing && (
        <label class="c-field">
          <span>
            {t('sources')}
            {hashes(sources).length > 0 && ` · ${t('sourceCount', { n: new Set(hashes(sources)).size })}`}
          </span>
          <textarea name="sources" rows={3} class="c-mono" value={sources} onInput={(e) => setSources(e.currentTarget.value)} />
        </label>
      )}
      {error != null && <ErrorBanner error={error} />}
      <div class="c-actions">
        {props.onCancel && <Button onClick={props.onCancel}>{t('cancel')}</Button>}
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('saving') : editing ? t('saveChange') : t('save')}
        </Button>
      </div>
    </form>
  );
}
