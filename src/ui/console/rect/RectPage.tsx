import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { useConsole, useLoad, useRefused } from '../context';
import { Button, Choice, Dialog, ErrorBanner, LoadStatus, PageHead, UnitSelect } from '../ui';
import type { RectItemView } from '../api-types';
import { CloseDialog } from './CloseDialog';
import { ItemCard } from './ItemCard';
import { FillManual } from './FillManual';
import { ItemForm } from './ItemForm';
import { UnitAccounts } from './UnitAccounts';
import { rectMessages } from './messages';

const STATUSES = ['open', 'answered', 'verified', 'closed'] as const;

/** 整改 (office): counts per unit, items overdue first by status and unit, create, close with a reason. */
export function RectPage() {
  const t = useT(rectMessages);
  const { api, campaign, me } = useConsole();
  const c = campaign!;
  const refused = useRefused();
  const list = useLoad(() => api.rectifications(c.id), [c.id]);
  const [status, setStatus] = useState('');
  const [unit, setUnit] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState<RectItemView | null>(null);
  const [editing, setEditing] = useState<RectItemView | null>(null);
  const [published, setPublished] = useState(false);
  const [created, setCreated] = useState(0);
  const admin = me.role === 'office-admin';
  const unitName = (id: string) => c.units.find((u) => u.id === id)?.name ?? id;

  async function publishClosed() {
    setError(null);
    try {
      const r = await api.publishClosedRectifications(c.id);
      setPublished(true);
      setNote(t('publishedNote', { n: r.count }));
    } catch (err) {
      setError(await refused(err));
    }
  }

  const items = (list.data?.items ?? []).filter((i) => (!status || i.status === status) && (!unit || i.unitId === unit));
  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <div class="c-actions">
        <a class="c-btn c-btn-plain" href={api.rectWorkbookUrl(c.id)} download>
          {t('exportXlsx')}
        </a>
        {admin && <Button onClick={() => void publishClosed()}>{t('publishClosed')}</Button>}
        {published && (
          <a href={api.publicUrl(c.id)} target="_blank" rel="noopener">
            {t('publicPage')}
          </a>
        )}
      </div>
      {error != null && <ErrorBanner error={error} />}
      {note && (
        <p class="c-banner c-banner-info" role="status">
          {note}
        </p>
      )}
      <LoadStatus load={list} />
      {list.data && (
        <>
          <h2>{t('counts')}</h2>
          <div class="c-scroll">
            <table class="c-table" data-testid="rect-counts">
              <thead>
                <tr>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('total')}</th>
                  <th scope="col">{t('open')}</th>
                  <th scope="col">{t('answered')}</th>
                  <th scope="col">{t('verified')}</th>
                  <th scope="col">{t('closed')}</th>
                  <th scope="col">{t('overdue')}</th>
                  <th scope="col">{t('maxOverdue')}</th>
                  <th scope="col">{t('completion')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.units.map((u) => (
                  <tr key={u.unitId}>
                    <th scope="row">{unitName(u.unitId)}</th>
                    <td class="c-num">{u.total}</td>
                    <td class="c-num">{u.open}</td>
                    <td class="c-num">{u.answered}</td>
                    <td class="c-num">{u.verified}</td>
                    <td class="c-num">{u.closed}</td>
                    <td class="c-num">{u.overdue}</td>
                    <td class="c-num">{u.maxDaysOverdue}</td>
                    <td class="c-num">{u.completionRate === null ? '—' : `${Math.round(u.completionRate * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="c-actions">
            <label class="c-inline">
              <span>{t('status')}</span>
              <Choice options={STATUSES.map((s) => [s, t(s)] as const)} value={status} onChange={setStatus} none={t('all')} />
            </label>
            <label class="c-inline">
              <span>{t('unit')}</span>
              <UnitSelect units={c.units} value={unit} onChange={setUnit} none={t('all')} />
            </label>
          </div>
          {items.length === 0 && <p>{t('noItems')}</p>}
          {items.map((i) => (
            <ItemCard key={i.id} item={i} unitName={unitName(i.unitId)} evidenceUrl={(sha) => api.evidenceUrl(c.id, sha)}>
              {admin && i.status !== 'closed' && (
                <div class="c-actions">
                  <Button onClick={() => setEditing(i)} aria-label={t('editItem', { problem: i.problem.slice(0, 40) })}>
                    {t('edit')}
                  </Button>
                  <Button onClick={() => setClosing(i)}>{t('close')}</Button>
                </div>
              )}
            </ItemCard>
          ))}
        </>
      )}
      {editing && (
        <Dialog title={t('editTitle')} onClose={() => setEditing(null)} wide>
          <ItemForm
            item={editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              setNote(t('changedNote'));
              list.reload();
            }}
          />
        </Dialog>
      )}
      {closing && (
        <CloseDialog
          item={closing}
          unitName={unitName(closing.unitId)}
          onClose={() => setClosing(null)}
          onDone={() => {
            setClosing(null);
            setNote(t('closedNote'));
            list.reload();
          }}
        />
      )}
      {admin && (
        <details class="c-card">
          <summary>{t('create')}</summary>
          <ItemForm
            key={created}
            onDone={() => {
              setCreated((n) => n + 1);
              setNote(t('created'));
              list.reload();
            }}
          />
        </details>
      )}
      {admin && list.data && (
        <FillManual
          counts={list.data.units}
          onDone={(n) => {
            setError(null);
            setNote(n);
          }}
        />
      )}
      {admin && <UnitAccounts />}
    </section>
  );
}
