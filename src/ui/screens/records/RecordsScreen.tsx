import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Draft, StoredRecord } from '../../../store/db';
import { filteredDrafts, newestRecords, recordKeys, recordsByKeys } from '../../../store/queries';
import { Banner } from '../../components/Banner';
import { VirtualList } from '../../components/VirtualList';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { filterFromParams, filterToQuery, type ListFilter } from './filter';
import { Filters } from './Filters';
import { RECORDS } from './messages';
import { DraftRow, PendingRow, RecordRow } from './RecordRow';

const ROW_HEIGHT = 76;
/** Rows read before anything else: more than a portrait screen holds. */
const FIRST_ROWS = 30;
/** Rows kept in memory beyond those on screen; more than this and the cache starts afresh. */
const CACHE_LIMIT = 1000;

/**
 * Sealed records come in two steps: the newest screenful at once (`first`), then every matching
 * key (`keys`) for the count and for scrolling anywhere; drafts are few and come in one.
 */
type Listing = { kind: 'sealed'; first: StoredRecord[]; keys?: string[] } | { kind: 'drafts'; drafts: Draft[] };

/**
 * 记录: every record of this tablet's chain, newest first, filtered by type, unit, day, status and
 * sending. Only the rows on screen are read in full.
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
    const fail = (e: unknown) => {
      console.error(e);
      if (live) setFailed(true);
    };
    setListing(null);
    // `received` flips when a receipt arrives: rows are read afresh for each listing.
    rows.current.clear();
    if (filter.status === 'drafts') {
      filteredDrafts(db, deviceId, filter).then((drafts) => live && setListing({ kind: 'drafts', drafts }), fail);
    } else {
      void (async () => {
        const first = await newestRecords(db, deviceId, filter, FIRST_ROWS);
        if (!live) return;
        first.forEach((r) => rows.current.set(r.hash, r));
        setListing({ kind: 'sealed', first });
        // A first screen that is not full is the whole list.
        const keys = first.length < FIRST_ROWS ? first.map((r) => r.hash) : await recordKeys(db, deviceId, filter);
        if (live) setListing({ kind: 'sealed', first, keys });
      })().catch(fail);
    }
    return () => {
      live = false;
    };
    // `query` stands for the whole filter.
  }, [db, deviceId, query]);

  const onRange = useCallback(
    (start: number, end: number) => {
      if (listing?.kind !== 'sealed' || !listing.keys) return;
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

  const count = !listing ? 0 : listing.kind === 'drafts' ? listing.drafts.length : (listing.keys ?? listing.first).length;
  const renderRow = (i: number) => {
    if (listing?.kind === 'drafts') return <DraftRow draft={listing.drafts[i]!} campaign={campaign} />;
    const hash = listing?.keys ? listing.keys[i] : listing?.first[i]?.hash;
    const rec = hash ? rows.current.get(hash) : undefined;
    return rec ? <RecordRow rec={rec} campaign={campaign} /> : <PendingRow />;
  };
  const countText = !listing
    ? t('loading')
    : listing.kind === 'drafts'
      ? t('draftCount', { n: count })
      : listing.keys
        ? t('count', { n: count })
        : t('counting');

  return (
    <section class="screen screen-fill" aria-labelledby="records-title">
      <div class="screen-head">
        <h1 id="records-title">{t('title')}</h1>
      </div>
      <Filters filter={filter} campaign={campaign} onChange={setFilter} />
      {failed && <Banner tone="error">{t('loadFailed')}</Banner>}
      <p class="list-count" aria-live="polite" data-testid="list-count">
        {countText}
      </p>
      {listing && count === 0 && <p class="notice">{listing.kind === 'sealed' ? t('empty') : t('emptyDrafts')}</p>}
      {listing && count > 0 && <VirtualList key={query} count={count} rowHeight={ROW_HEIGHT} renderRow={renderRow} onRange={onRange} label={t('listLabel')} />}
    </section>
  );
}
