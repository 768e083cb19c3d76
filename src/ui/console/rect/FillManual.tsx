import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { UnitRectCounts } from '../../../domain/rectification';
import { useConsole, useRefused } from '../context';
import { manualParts } from '../tally/ManualScoresForm';
import { Button, ReasonField } from '../ui';
import { rectMessages } from './messages';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 10_000) / 100}%`);

/**
 * 整改落实 from evidence: the office fills a manual part of the score (`"from": "manual"`) for the
 * units it chooses from their completion rates as they stand, with a reason (an office action; the
 * server computes the figures, 100 × (verified + closed) / items).
 */
export function FillManual({ counts, onDone }: { counts: UnitRectCounts[]; onDone(note: string): void }) {
  const t = useT(rectMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const refused = useRefused();
  const parts = manualParts(c);
  const withItems = c.units.filter((u) => counts.some((n) => n.unitId === u.id && n.total > 0));
  const [part, setPart] = useState(parts[0]?.id ?? '');
  const [units, setUnits] = useState<Set<string>>(() => new Set(withItems.map((u) => u.id)));
  const [reason, setReason] = useState('');
  /** What keeps the form from being sent: no unit chosen, or no reason given. */
  const [problem, setProblem] = useState<'fillNoUnit' | 'fillReasonMissing' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (parts.length === 0 || withItems.length === 0) return null;

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const chosen = withItems.map((u) => u.id).filter((id) => units.has(id));
    if (chosen.length === 0) return setProblem('fillNoUnit');
    if (reason.trim() === '') return setProblem('fillReasonMissing');
    setProblem(null);
    setBusy(true);
    try {
      const r = await api.fillManualFromRect(c.id, { part, units: chosen, reason: reason.trim() });
      setReason('');
      onDone(t('fillDone', { n: chosen.length, part: parts.find((p) => p.id === part)?.label ?? part, version: r.version ?? '' }));
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="c-card" onSubmit={(e) => void submit(e)} aria-labelledby="fill-manual-heading" data-testid="fill-manual">
      <h2 id="fill-manual-heading">{t('fillHeading')}</h2>
      <p class="c-muted">{t('fillIntro')}</p>
      <label class="c-field">
        <span>{t('fillPart')}</span>
        <select value={part} onChange={(e) => setPart(e.currentTarget.value)}>
          {parts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="c-field">
        <legend>{t('fillUnits')}</legend>
        {withItems.map((u) => {
          const n = counts.find((x) => x.unitId === u.id)!;
          return (
            <label key={u.id} class="c-inline">
              <input
                type="checkbox"
                checked={units.has(u.id)}
                onChange={(e) => {
                  const next = new Set(units);
                  if (e.currentTarget.checked) next.add(u.id);
                  else next.delete(u.id);
                  setUnits(next);
                }}
              />
              <span>{t('fillUnit', { unit: u.name, rate: pct(n.completionRate), done: n.verified + n.closed, total: n.total })}</span>
            </label>
          );
        })}
      </fieldset>
      <ReasonField
        label={t('fillReason')}
        rows={2}
        value={reason}
        onInput={setReason}
        problem={problem && t(problem)}
        error={error}
        invalid={problem === 'fillReasonMissing'}
      />
      <div class="c-actions">
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('saving') : t('fillSubmit')}
        </Button>
      </div>
    </form>
  );
}
