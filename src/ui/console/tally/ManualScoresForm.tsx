import { useContext, useEffect, useState } from 'preact/hooks';
import { LangContext, useT } from '../../i18n';
import type { Campaign } from '../../../domain/campaign';
import type { ManualScores } from '../../../domain/scoring/types';
import { useConsole, useRefused } from '../context';
import type { ManualScoresVersion } from '../api-types';
import { Button, ErrorBanner, ReasonField, UnitSelect, fmtTime } from '../ui';
import { tallyMessages } from './messages';

/** The manual parts the campaign's components name, each by its own label (else by its component). */
export function manualParts(campaign: Campaign): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (const c of campaign.scoring.components)
    for (const p of c.parts)
      if (p.from === 'manual' && !out.some((o) => o.id === p.id))
        out.push({ id: p.id, label: p.label ?? (c.parts.length === 1 ? c.label : `${c.label} · ${p.id}`) });
  return out;
}

type Draft = { figures: Record<string, string>; bonus: string[] };

function draftOf(campaign: Campaign, m: ManualScores): Draft {
  const figures: Record<string, string> = {};
  for (const [unitId, parts] of Object.entries(m.scores)) for (const [partId, v] of Object.entries(parts)) figures[`${unitId}/${partId}`] = String(v);
  const places = campaign.scoring.bonus?.byRank.length ?? 0;
  return { figures, bonus: Array.from({ length: places }, (_, i) => m.bonusRanking[i] ?? '') };
}

/** The draft as the PUT body, or the first problem in words. */
export function manualScoresOf(
  campaign: Campaign,
  d: Draft,
): { ok: true; value: ManualScores } | { ok: false; unit: string; part: string } | { ok: false; twice: true } {
  const scores: ManualScores['scores'] = {};
  for (const u of campaign.units)
    for (const p of manualParts(campaign)) {
      const raw = (d.figures[`${u.id}/${p.id}`] ?? '').trim();
      if (raw === '') continue;
      const v = Number(raw);
      if (!Number.isFinite(v) || v < 0 || v > 100) return { ok: false, unit: u.name, part: p.label };
      (scores[u.id] ??= {})[p.id] = v;
    }
  const bonusRanking = d.bonus.filter((x) => x !== '');
  if (new Set(bonusRanking).size !== bonusRanking.length) return { ok: false, twice: true };
  return { ok: true, value: { scores, bonusRanking } };
}

/** Office admins enter the manual parts per unit and the special-task ranking for the bonus. */
export function ManualScoresForm({ campaign, onSaved }: { campaign: Campaign; onSaved(): void }) {
  const t = useT(tallyMessages);
  const { api } = useConsole();
  const refused = useRefused();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [loaded, setLoaded] = useState<ManualScoresVersion | null>(null);
  const [reason, setReason] = useState('');
  const lang = useContext(LangContext);
  const parts = manualParts(campaign);
  const bonus = campaign.scoring.bonus;

  useEffect(() => {
    api.manualScores(campaign.id).then(
      (m) => {
        setLoaded(m);
        setDraft(draftOf(campaign, m));
      },
      async (e: unknown) => {
        const shown = await refused(e);
        if (shown !== undefined) setError(shown);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [campaign.id]);

  if (!draft) return error != null ? <ErrorBanner error={error} /> : null;

  async function save(e: Event) {
    e.preventDefault();
    const r = manualScoresOf(campaign, draft!);
    setSaved(false);
    if (!r.ok) return setProblem('twice' in r ? t('bonusTwice') : t('badFigure', { unit: r.unit, part: r.part }));
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await api.putManualScores(campaign.id, r.value, reason.trim() || undefined);
      setReason('');
      setSaved(true);
      onSaved();
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  const setFigure = (key: string, v: string) => setDraft({ ...draft, figures: { ...draft.figures, [key]: v } });
  const setPlace = (i: number, v: string) => setDraft({ ...draft, bonus: draft.bonus.map((x, j) => (j === i ? v : x)) });

  return (
    <form class="c-card" onSubmit={save} noValidate aria-label={t('manualHeading')}>
      <h2>{t('manualHeading')}</h2>
      <p class="c-muted">{t('manualHint')}</p>
      {!saved && loaded?.version ? (
        <p class="c-small c-muted">{t('lastSet', { version: loaded.version, who: loaded.setBy ?? '—', when: fmtTime(loaded.setAt, lang) })}</p>
      ) : null}
      {!saved && loaded?.reason ? <p class="c-small c-muted">{t('lastReason', { reason: loaded.reason })}</p> : null}
      {!saved && loaded?.fromRectification ? (
        <p class="c-small c-muted">
          {t('lastFill', {
            part: parts.find((p) => p.id === loaded.fromRectification!.part)?.label ?? loaded.fromRectification.part,
            units: Object.keys(loaded.fromRectification.units)
              .map((id) => campaign.units.find((u) => u.id === id)?.name ?? id)
              .join('、'),
          })}
        </p>
      ) : null}
      <table class="c-table c-compact">
        <thead>
          <tr>
            <th>{t('unit')}</th>
            {parts.map((p) => (
              <th key={p.id}>{p.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {campaign.units.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              {parts.map((p) => (
                <td key={p.id}>
                  <input
                    class="c-figure"
                    inputMode="decimal"
                    aria-label={`${u.name} ${p.label}`}
                    value={draft.figures[`${u.id}/${p.id}`] ?? ''}
                    onInput={(e) => setFigure(`${u.id}/${p.id}`, e.currentTarget.value)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {bonus && (
        <fieldset class="c-field">
          <legend>{t('bonusHeading', { label: bonus.label })}</legend>
          {bonus.byRank.map((points, i) => (
            <label key={i} class="c-inline">
              <span>{t('bonusPlace', { n: i + 1, points })}</span>
              <UnitSelect units={campaign.units} value={draft.bonus[i] ?? ''} onChange={(id) => setPlace(i, id)} none={t('bonusNone')} />
            </label>
          ))}
        </fieldset>
      )}
      <ReasonField label={t('manualReason')} rows={2} value={reason} onInput={setReason} problem={problem} error={error} />
      {saved && (
        <p class="c-banner c-banner-ok" role="status">
          {t('saved')}
        </p>
      )}
      <div class="c-actions">
        <Button kind="primary" type="submit" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </Button>
      </div>
    </form>
  );
}
