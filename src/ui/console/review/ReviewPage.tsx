import { useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { ReviewListState } from '../api-types';
import { useConsole, useLoad } from '../context';
import { Button, Choice, LoadStatus, PageHead } from '../ui';
import { DecisionDialog, type DecisionTarget } from './DecisionDialog';
import { DeviceGroup } from './DeviceGroup';
import { FlaggedDevices } from './FlaggedDevices';
import { applyFilter, byDevice, distinct, shanghaiDay, type ReviewFilter } from './group';
import { reviewMessages } from './messages';
import { DisqualifiedSection } from '../representatives/DisqualifiedSection';

const TABS = [
  ['held', 'tabHeld'],
  ['accepted', 'tabAccepted'],
  ['excluded', 'tabExcluded'],
] as const;
const PAGE = 1000;

/**
 * 审核: held (and accepted, excluded) questionnaires by device, filtered by collector, unit and day,
 * with why each is held; accept or exclude one, many, or a device's range, always with a reason.
 */
export function ReviewPage() {
  const t = useT(reviewMessages);
  const { api, campaign } = useConsole();
  const [state, setState] = useState<ReviewListState>('held');
  const [filter, setFilter] = useState<ReviewFilter>({ collector: '', unitId: '', day: '' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<DecisionTarget | null>(null);
  const [done, setDone] = useState<number | null>(null);
  // Cursors of the pages seen so far: [null, next of page 1, …]; the last is the current page.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const list = useLoad(() => api.review(campaign!.id, state, after, PAGE), [api, campaign!.id, state, after]);
  const quality = useLoad(() => api.dataQuality(campaign!.id), [api, campaign!.id]);
  const items = list.data?.records ?? [];
  const shown = applyFilter(items, filter);
  const picked = shown.filter((i) => chosen.has(i.hash)).map((i) => i.hash);

  const toggle = (hashes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const h of hashes) {
      if (on) next.add(h);
      else next.delete(h);
    }
    setChosen(next);
  };
  const decided = (n: number) => {
    setTarget(null);
    setChosen(new Set());
    setDone(n);
    list.reload();
    quality.reload();
  };
  const select = (key: keyof ReviewFilter, options: string[], label: string, name: (v: string) => string = (v) => v) => (
    <label class="c-field c-inline">
      <span>{label}</span>
      <Choice options={options.map((o) => [o, name(o)] as const)} value={filter[key]} onChange={(v) => setFilter({ ...filter, [key]: v })} none={t('all')} />
    </label>
  );
  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      {quality.data && <FlaggedDevices quality={quality.data} />}
      <DisqualifiedSection onDecided={() => (list.reload(), quality.reload())} />
      <div class="c-tabs" role="tablist">
        {TABS.map(([id, key]) => (
          <button
            key={id}
            role="tab"
            aria-selected={state === id}
            class={`c-btn ${state === id ? 'c-btn-primary' : 'c-btn-plain'}`}
            onClick={() => (setState(id), setCursors([null]), setChosen(new Set()), setDone(null))}
          >
            {t(key)}
          </button>
        ))}
      </div>
      <div class="c-filters">
        {select('collector', distinct(items.map((i) => i.collector)), t('collector'))}
        {select('unitId', distinct(items.map((i) => i.unitId)), t('unit'), (id) => campaign!.units.find((u) => u.id === id)?.name ?? id)}
        {select('day', distinct(items.map((i) => shanghaiDay(i.sealedAt))), t('day'))}
      </div>
      {done !== null && (
        <p class="c-banner c-banner-ok" role="status">
          {t('done', { n: done })}
        </p>
      )}
      <div class="c-actions">
        <span>{t('selected', { n: picked.length })}</span>
        {state !== 'accepted' && (
          <Button kind="primary" disabled={picked.length === 0} onClick={() => setTarget({ kind: 'hashes', decision: 'accept', hashes: picked })}>
            {t('accept')}
          </Button>
        )}
        {state !== 'excluded' && (
          <Button kind="danger" disabled={picked.length === 0} onClick={() => setTarget({ kind: 'hashes', decision: 'exclude', hashes: picked })}>
            {t('exclude')}
          </Button>
        )}
      </div>
      <LoadStatus load={list} />
      {list.data && shown.length === 0 && <p class="c-empty">{t('none')}</p>}
      {byDevice(shown).map((g) => (
        <DeviceGroup
          key={g.deviceId}
          deviceId={g.deviceId}
          items={g.items}
          chosen={chosen}
          onToggle={toggle}
          onRange={() => setTarget({ kind: 'range', deviceId: g.deviceId, fromSeq: g.items[0]!.seq, toSeq: g.items[g.items.length - 1]!.seq })}
        />
      ))}
      {(cursors.length > 1 || list.data?.next != null) && (
        <div class="c-pager">
          <Button disabled={cursors.length <= 1} onClick={() => (setCursors(cursors.slice(0, -1)), setChosen(new Set()))}>
            {t('prev')}
          </Button>
          <span>{t('pageNo', { n: cursors.length, size: PAGE })}</span>
          <Button
            disabled={list.data?.next == null}
            onClick={() => list.data?.next != null && (setCursors([...cursors, list.data.next]), setChosen(new Set()))}
          >
            {t('next')}
          </Button>
        </div>
      )}
      {target && <DecisionDialog target={target} onClose={() => setTarget(null)} onDone={decided} />}
    </section>
  );
}
