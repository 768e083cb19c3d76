import { useEffect, useState } from 'preact/hooks';
import type { Quotas } from '../../../protocol/representatives-api';
import { useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, ErrorBanner } from '../ui';
import { repMessages } from './messages';

type Cells = Record<string, { quota: string; issued: string }>;
const cellKey = (unit: string, group: string) => `${unit}/${group}`;

function toCells(q: Quotas): Cells {
  const out: Cells = {};
  for (const [u, byGroup] of Object.entries(q))
    for (const [g, v] of Object.entries(byGroup)) out[cellKey(u, g)] = { quota: String(v.quota), issued: v.issued === undefined ? '' : String(v.issued) };
  return out;
}

const whole = (s: string) => /^\d{1,7}$/.test(s) && Number(s) <= 1_000_000;

/** 任务数设置: the target (and paper questionnaires issued) per unit and rater group, saved as one office action. */
export function QuotasEditor({ onSaved }: { onSaved(): void }) {
  const t = useT(repMessages);
  const { api, campaign } = useConsole();
  const refused = useRefused();
  const c = campaign!;
  const loaded = useLoad(() => api.quotas(c.id), [api, c.id]);
  const [cells, setCells] = useState<Cells>({});
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setCells(toCells(loaded.data));
  }, [loaded.data]);

  const set = (unit: string, group: string, field: 'quota' | 'issued', value: string) => {
    const k = cellKey(unit, group);
    setCells({ ...cells, [k]: { ...(cells[k] ?? { quota: '', issued: '' }), [field]: value.trim() } });
  };

  async function save(e: Event) {
    e.preventDefault();
    const quotas: Quotas = {};
    for (const u of c.units) {
      for (const g of c.raterGroups) {
        const v = cells[cellKey(u.id, g.id)];
        if (!v || (v.quota === '' && v.issued === '')) continue;
        if (!whole(v.quota || '0') || (v.issued !== '' && !whole(v.issued))) return setProblem(t('quotaBad'));
        (quotas[u.id] ??= {})[g.id] = { quota: Number(v.quota || '0'), ...(v.issued !== '' ? { issued: Number(v.issued) } : {}) };
      }
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      setNote((await api.putQuotas(c.id, quotas)) ? t('quotasSaved') : t('quotasUnchanged'));
      onSaved();
    } catch (err) {
      const shown = await refused(err);
      if (shown !== undefined) setError(shown);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="c-quotas">
      <summary>{t('quotasHeading')}</summary>
      <p class="c-muted">{t('quotasIntro')}</p>
      <form onSubmit={save} noValidate>
        <div class="c-scroll">
          <table class="c-table c-compact" data-testid="quotas-table">
            <thead>
              <tr>
                <th scope="col">{t('unit')}</th>
                {c.raterGroups.map((g) => (
                  <th key={g.id} scope="col">
                    {g.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.units
                .filter((u) => !u.retired)
                .map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    {c.raterGroups.map((g) => {
                      const v = cells[cellKey(u.id, g.id)] ?? { quota: '', issued: '' };
                      return (
                        <td key={g.id} class="c-quota-cell">
                          <input
                            aria-label={`${u.name} ${g.label} ${t('quota')}`}
                            name={`quota-${u.id}-${g.id}`}
                            inputMode="numeric"
                            placeholder={t('quota')}
                            value={v.quota}
                            onInput={(e) => set(u.id, g.id, 'quota', e.currentTarget.value)}
                          />
                          <input
                            aria-label={`${u.name} ${g.label} ${t('issued')}`}
                            name={`issued-${u.id}-${g.id}`}
                            inputMode="numeric"
                            placeholder={t('issued')}
                            value={v.issued}
                            onInput={(e) => set(u.id, g.id, 'issued', e.currentTarget.value)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        {problem && (
          <p class="c-banner c-banner-error" role="alert">
            {problem}
          </p>
        )}
        {note && (
          <p class="c-banner c-banner-info" role="status">
            {note}
          </p>
        )}
        {(error ?? loaded.error) != null && <ErrorBanner error={error ?? loaded.error} />}
        <div class="c-actions">
          <Button kind="primary" type="submit" disabled={busy || !loaded.data} data-testid="quotas-save">
            {busy ? t('saving') : t('save')}
          </Button>
        </div>
      </form>
    </details>
  );
}
