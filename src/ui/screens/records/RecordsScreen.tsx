import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Draft, StoredRecord } from '../../../store/db';
import { filteredDrafts, recordKeys, recordsByKeys } from '../../../store/queries';
import { Banner } from '../../components/Banner';
import { VirtualList } from '../../components/VirtualList';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { filterFromParams, filterToQuery, type ListFilter } from './filter';
import { Filters } from './Filters';
import { RECORDS } from './messages';
import { DraftRow, PendingRow, RecordRow } from './RecordRow';

const ROW_HEIGHT = 76;
/** Rows kept in memory beyond those on screen; more than this and the cache starts afresh. */
const CACHE_LIMIT = 1000;

type Listing = { kind: 'sealed'; keys: string[] } | { kind: 'drafts'; drafts: Draft[] };

/**
 * 记录: every record of this tablet's chain, newest first, filtered by type, unit, day, status and
 * sending. The filter reads key lists from indexes; only the rows on screen are read in full.
 */
export default function RecordsScreen({ params }: ScreenProps) {
  const { db, session } = useApp();
  const t = useT(RECORDS);
  const { deviceId, campaign } = session;
  const [filter, setFilterState] = useState<ListFilter>(() => filterFromParams(params));
  const [listing, setListing] = useState<Listing | null>(null);
  const [failed, setFailed] = useState(false);
  const rows = useRef(new Map<string, StoredRecord>());
  const reading = useRef(new Set<string>());
  const [, setTick] = useState(0);
  const query = filterToQuery(filter);

  useEffect(() => {
    let live = true;
    setListing(null);
    const read: Promise<Listing> =
      filter.status === 'drafts'
        ? filteredDrafts(db, deviceId, filter).then((drafts) => ({ kind: 'drafts', drafts }))
        : recordKeys(db, deviceId, filter).then((keys) => ({ kind: 'sealed', keys }));
    read.then(
      (l) => live && setListing(l),
      (e: unknown) => {
        console.error(e);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
    // `query` stands for the whole filter.
  }, [db, deviceId, query]);

  const onRange = useCallback(
    (start: number, end: number) => {
      if (listing?.kind !== 'sealed') return;
      const want = listing.keys.slice(start, end).filter((k) => !rows.current.has(k) && !reading.current.has(k));
      if (want.length === 0) return;
      if (rows.current.size > CACHE_LIMIT) rows.current.clear();
      want.forEach((k) => reading.current.add(k));
      recordsByKeys(db, want)
        .then((rs) => rs.forEach((r) => rows.current.set(r.hash, r)))
        .catch((e: unknown) => {
          console.error(e);
          setFailed(true);
        })
        .finally(() => {
          want.forEach((k) => reading.current.delete(k));
          setTick((n) => n + 1);
        });
    },
    [listing, db],
  );

  const setFilter = (f: ListFilter) => {
    setFilterState(f);
    // Replace, not push: the back button leaves the list instead of stepping through filters.
    history.replaceState(history.state, '', `#/records${filterToQuery(f)}`);
  };

  const count = listing ? (listing.kind === 'sealed' ? listing.keys.length : listing.drafts.length) : 0;
  const renderRow = (i: number) => {
    if (listing?.kind === 'drafts') return <DraftRow draft={listing.drafts[i]!} campaign={campaign} />;
    const rec = listing ? rows.current.get(listing.keys[i]!) : undefined;
    return rec ? <RecordRow rec={rec} campaign={campaign} /> : <PendingRow />;
  };

  return (
    <section class="screen screen-fill" aria-labelledby="records-title">
      <div class="screen-head">
        <h1 id="records-title">{t('title')}</h1>
      </div>
      <Filters filter={filter} campaign={campaign} onChange={setFilter} />
      {failed && <Banner tone="error">{t('loadFailed')}</Banner>}
      <p class="list-count" aria-live="polite" data-testid="list-count">
        {!listing ? t('loading') : listing.kind === 'sealed' ? t('count', { n: count }) : t('draftCount', { n: count })}
      </p>
      {listing && count === 0 && <p class="notice">{listing.kind === 'sealed' ? t('empty') : t('emptyDrafts')}</p>}
      {listing && count > 0 && <VirtualList key={query} count={count} rowHeight={ROW_HEIGHT} renderRow={renderRow} onRange={onRange} label={t('listLabel')} />}
    </section>
  );
}
