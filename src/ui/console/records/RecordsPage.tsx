import { useContext, useState } from 'preact/hooks';
import { TYPE_NAMES } from '../../components/recordTypes';
import { LangContext, useT } from '../../i18n';
import { RECORD_TYPES, type RecordType } from '../../../domain/records';
import type { Cursor, ReceivedRecord } from '../api-types';
import { useConsole, useLoad } from '../context';
import { Button, Choice, ErrorBanner, Loading, PageHead, UnitSelect, fmtTime } from '../ui';
import { recordMessages } from './messages';
import { RecordView } from './RecordView';

const PAGE_SIZE = 50;

/** The calendar day (viewer's zone) of a time, YYYY-MM-DD, to match a date input. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The units a record concerns, for the list. */
function unitsOf(r: ReceivedRecord['record']): string[] {
  const b = r.body as { unitId?: unknown; unitIds?: unknown; body?: { unitId?: unknown; unitIds?: unknown } };
  const src = r.type === 'amend' ? (b.body ?? {}) : b;
  if (typeof src.unitId === 'string') return [src.unitId];
  return Array.isArray(src.unitIds) ? src.unitIds.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Records as received, paged with the server's cursor. Campaign, type and unit are filtered by the
 * server; collector and day within each page (the records route does not take them).
 */
export function RecordsPage() {
  const t = useT(recordMessages);
  const tn = useT(TYPE_NAMES);
  const lang = useContext(LangContext);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const [type, setType] = useState<RecordType | ''>('');
  const [unitId, setUnitId] = useState('');
  const [collector, setCollector] = useState('');
  const [day, setDay] = useState('');
  // Cursors of the pages seen so far: [null, next of page 1, …]; the last is the current page.
  const [cursors, setCursors] = useState<(Cursor | null)[]>([null]);
  const [open, setOpen] = useState<ReceivedRecord | null>(null);
  const after = cursors[cursors.length - 1] ?? null;
  const page = useLoad(() => api.records({ campaignId: c.id, type, unitId }, after, PAGE_SIZE), [api, c.id, type, unitId, after]);
  const devices = useLoad(() => api.devices(), [api]);
  const deviceLabel = new Map((devices.data ?? []).map((d) => [d.deviceId, d.label]));

  const serverFilter = (f: () => void) => {
    f();
    setCursors([null]);
  };
  const all = page.data?.records ?? [];
  const who = collector.trim().toLowerCase();
  const rows = all.filter((x) => (!who || x.record.collector.toLowerCase() === who) && (!day || localDay(x.record.sealedAt) === day));
  const unitName = (id: string) => c.units.find((u) => u.id === id)?.name ?? id;

  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <div class="c-filters">
        <label class="c-inline">
          <span>{t('type')}</span>
          <Choice
            options={RECORD_TYPES.map((x) => [x, tn(x)] as const)}
            value={type}
            onChange={(v) => serverFilter(() => setType(v as RecordType | ''))}
            none={t('anyType')}
          />
        </label>
        <label class="c-inline">
          <span>{t('unit')}</span>
          <UnitSelect units={c.units} value={unitId} onChange={(id) => serverFilter(() => setUnitId(id))} none={t('anyUnit')} />
        </label>
        <label class="c-inline">
          <span>{t('collector')}</span>
          <input list="c-collectors" value={collector} onInput={(e) => setCollector(e.currentTarget.value)} />
          <datalist id="c-collectors">
            {[...new Set((devices.data ?? []).map((d) => d.collector))].map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </label>
        <label class="c-inline">
          <span>{t('day')}</span>
          <input type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </label>
        <Button onClick={() => serverFilter(() => (setType(''), setUnitId(''), setCollector(''), setDay('')))}>{t('clear')}</Button>
      </div>
      {page.error != null && <ErrorBanner error={page.error} onRetry={page.reload} />}
      {page.loading && <Loading />}
      {page.data && (who || day) && <p class="c-muted">{t('pageFiltered', { all: all.length, shown: rows.length })}</p>}
      {page.data && rows.length === 0 && <p class="c-empty">{t('none')}</p>}
      {rows.length > 0 && (
        <table class="c-table c-clickable" aria-label={t('heading')}>
          <thead>
            <tr>
              <th>{t('sealedAt')}</th>
              <th>{t('type')}</th>
              <th>{t('unit')}</th>
              <th>{t('collector')}</th>
              <th>{t('device')}</th>
              <th>{t('extras')}</th>
              <th>{t('receivedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.hash} onClick={() => setOpen(x)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setOpen(x)} data-hash={x.hash}>
                <td>{fmtTime(x.record.sealedAt, lang)}</td>
                <td>{tn(x.record.type)}</td>
                <td>{unitsOf(x.record).map(unitName).join('、') || '—'}</td>
                <td>{x.record.collector}</td>
                <td title={x.record.deviceId}>
                  {deviceLabel.get(x.record.deviceId) ?? `…${x.record.deviceId.slice(-6)}`} #{x.record.seq}
                </td>
                <td>
                  {x.record.sealed && <span class="c-tag">{t('confidential')}</span>}
                  {x.record.attachments?.length ? <span class="c-tag">{t('photos', { n: x.record.attachments.length })}</span> : null}
                </td>
                <td>{fmtTime(x.receivedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="c-pager">
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('prev')}
        </Button>
        <span>{t('pageNo', { n: cursors.length })}</span>
        <Button disabled={page.data?.next == null} onClick={() => page.data?.next != null && setCursors([...cursors, page.data.next])}>
          {t('next')}
        </Button>
      </div>
      {open && <RecordView item={open} campaign={c} onClose={() => setOpen(null)} />}
    </section>
  );
}
