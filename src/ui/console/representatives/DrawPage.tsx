import { useContext, useEffect, useState } from 'preact/hooks';
import { DrawSeedSchema } from '../../../domain/draw';
import type { RosterPerson } from '../../../domain/roster';
import type { DrawRecord } from '../../../protocol/representatives-api';
import { LangContext, useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, Dialog, ErrorBanner, FormProblems, Loading, fmtTime } from '../ui';
import { repMessages } from './messages';
import './representatives.css';

/**
 * 随机抽取: how many per rater group, the seed shown before the draw (by default the current
 * signed checkpoint's root), the draw as an office action, and its result printable for the notary.
 */
export function DrawPage() {
  const t = useT(repMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const c = campaign!;
  const roster = useLoad(() => api.roster(c.id), [api, c.id]);
  const draws = useLoad(() => api.draws(c.id), [api, c.id]);
  const checkpoint = useLoad(() => api.checkpoint(), [api]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [seed, setSeed] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<DrawRecord | null>(null);

  useEffect(() => {
    if (checkpoint.data && seed === '') setSeed(checkpoint.data.logRoot);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- offered once, when the checkpoint arrives
  }, [checkpoint.data]);

  const people = roster.data ?? [];
  const approved = (g: string) => people.filter((p) => p.group === g && p.status === 'approved').length;
  const strata = Object.fromEntries(
    Object.entries(counts)
      .filter(([, v]) => v.trim() !== '')
      .map(([g, v]) => [g, Number(v)]),
  );

  const check = () => {
    if (!DrawSeedSchema.safeParse(seed).success) return setProblem(t('seedBad'));
    if (Object.values(strata).some((n) => !Number.isInteger(n) || n < 0) || !Object.values(strata).some((n) => n > 0)) return setProblem(t('drawNone'));
    setProblem(null);
    setConfirming(true);
  };
  const draw = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await api.draw(c.id, seed, strata);
      setShown(d);
      draws.reload();
    } catch (err) {
      const why = await refused(err);
      if (why !== undefined) setError(why);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section aria-labelledby="draw-title">
      <h1 id="draw-title" class="c-no-print">
        {t('drawHeading')}
      </h1>
      <p class="c-muted c-no-print">{t('drawIntro')}</p>
      {(roster.error ?? draws.error ?? checkpoint.error) != null && <ErrorBanner error={roster.error ?? draws.error ?? checkpoint.error} />}
      {roster.loading && !roster.data && <Loading />}
      <form
        class="c-no-print"
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
        noValidate
      >
        <div class="c-grid-fields">
          {c.raterGroups.map((g) => (
            <label key={g.id} class="c-field">
              <span>
                {g.label} · {t('approvedCount', { n: approved(g.id) })}
              </span>
              <input
                name={`n-${g.id}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={approved(g.id)}
                placeholder={t('howMany')}
                value={counts[g.id] ?? ''}
                onInput={(e) => setCounts({ ...counts, [g.id]: e.currentTarget.value })}
              />
            </label>
          ))}
        </div>
        <label class="c-field">
          <span>{t('seed')}</span>
          <input name="seed" class="c-mono" spellcheck={false} autoComplete="off" value={seed} onInput={(e) => setSeed(e.currentTarget.value.trim())} />
        </label>
        {checkpoint.data && (
          <p class="c-muted">
            {t('seedHint', { size: checkpoint.data.logSize })} <Button onClick={() => setSeed(checkpoint.data!.logRoot)}>{t('seedUse')}</Button>
          </p>
        )}
        <FormProblems problem={problem} error={error} />
        <div class="c-actions">
          <Button kind="primary" type="submit" disabled={busy || !roster.data}>
            {busy ? t('drawing') : t('drawDo')}
          </Button>
        </div>
      </form>
      {confirming && (
        <Dialog title={t('drawHeading')} onClose={() => setConfirming(false)}>
          <p>{t('drawConfirm', { seed })}</p>
          <div class="c-actions">
            <Button onClick={() => setConfirming(false)}>{t('importCancel')}</Button>
            <Button kind="primary" onClick={draw} disabled={busy} data-testid="draw-confirm">
              {busy ? t('drawing') : t('drawConfirmDo')}
            </Button>
          </div>
        </Dialog>
      )}
      {shown && <DrawResult draw={shown} people={people} onAppointed={roster.reload} />}
      <h2 class="c-no-print">{t('pastDraws')}</h2>
      {draws.data && draws.data.length === 0 && <p class="c-muted c-no-print">{t('noDraws')}</p>}
      <ul class="c-no-print c-plain-list">
        {(draws.data ?? []).map((d) => (
          <li key={d.drawId}>
            <Button onClick={() => setShown(d)}>
              {d.at.slice(0, 16).replace('T', ' ')} · {Object.values(d.picked).flat().length} · {d.seed.slice(0, 12)}…
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One draw as the notary reads it: seed, when, by whom, its log leaf, and the people in draw order. */
function DrawResult({ draw, people, onAppointed }: { draw: DrawRecord; people: RosterPerson[]; onAppointed(): void }) {
  const t = useT(repMessages);
  const lang = useContext(LangContext);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const byId = new Map(people.map((p) => [p.id, p]));
  const group = new Map(campaign!.raterGroups.map((g) => [g.id, g.label]));
  const picked = Object.values(draw.picked).flat();

  const appoint = async () => {
    setError(null);
    const set = new Set(picked);
    const next = people.map((p) => (set.has(p.id) && p.status === 'approved' ? { ...p, status: 'appointed' as const } : p));
    try {
      await api.putRoster(campaign!.id, next);
      setNote(t('appointed', { n: next.filter((p, i) => p !== people[i]).length }));
      onAppointed();
    } catch (err) {
      const why = await refused(err);
      if (why !== undefined) setError(why);
    }
  };

  return (
    <article class="c-card c-print" aria-labelledby="draw-result-title" data-testid="draw-result">
      <h2 id="draw-result-title">
        {campaign!.name} · {t('result')}
      </h2>
      <dl class="c-facts">
        <dt>{t('seed')}</dt>
        <dd class="c-mono" data-testid="draw-seed">
          {draw.seed}
        </dd>
        <dt>{t('drawnAt')}</dt>
        <dd>{fmtTime(draw.at, lang)}</dd>
        {draw.actor && (
          <>
            <dt>{t('actor')}</dt>
            <dd>{draw.actor}</dd>
          </>
        )}
        <dt>{t('logLeaf')}</dt>
        <dd>{draw.logIndex}</dd>
        <dt>{t('rosterHash')}</dt>
        <dd class="c-mono">{draw.rosterHash}</dd>
      </dl>
      {Object.entries(draw.picked).map(([g, ids]) => (
        <table key={g} class="c-table c-compact">
          <caption>
            {group.get(g) ?? g} · {ids.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('order')}</th>
              <th scope="col">{t('id')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('source')}</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id, i) => (
              <tr key={id}>
                <td class="c-num">{i + 1}</td>
                <td>{id}</td>
                <td>{byId.get(id)?.name ?? ''}</td>
                <td>{byId.get(id)?.source ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <div class="c-actions c-no-print">
        <Button onClick={() => globalThis.print()}>{t('print')}</Button>
        <Button onClick={appoint} data-testid="appoint-picked">
          {t('appointPicked')}
        </Button>
      </div>
      {note && (
        <p class="c-banner c-banner-info c-no-print" role="status">
          {note}
        </p>
      )}
      {error != null && <ErrorBanner error={error} />}
    </article>
  );
}
