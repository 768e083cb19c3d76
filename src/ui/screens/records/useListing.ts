import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Draft, PingyiDb, StoredRecord } from '../../../store/db';
import { chainHead, chainRows, filteredDrafts, isFiltered, recordsByKeys, scanRecords } from '../../../store/queries';
import type { ListFilter } from './filter';

/**
 * What the list shows. The unfiltered list is the device chain read by seq (row i is seq
 * head − i), known at once; a filtered list grows while a scan finds its records; drafts are few.
 */
export type Listing = { kind: 'chain'; head: number } | { kind: 'scan'; hashes: string[]; complete: boolean } | { kind: 'drafts'; drafts: Draft[] };

export interface ListingView {
  listing: Listing | null;
  count: number;
  /** The record at row i, once read (sealed listings). */
  record(i: number): StoredRecord | undefined;
  /** Reads the rows [start, end) that are not read yet. */
  onRange(start: number, end: number): void;
  failed: boolean;
}

/** Rows kept from a scan as it finds them, so the first screen needs no second read. */
const KEEP_FROM_SCAN = 60;
/** More rows than this in memory and the cache starts afresh (the rows on screen are read again). */
const CACHE_LIMIT = 1000;

/** Loads a listing for the filter and reads its rows as they scroll into view. */
export function useListing(db: PingyiDb, deviceId: string, filter: ListFilter, query: string): ListingView {
  const [listing, setListing] = useState<Listing | null>(null);
  const [failed, setFailed] = useState(false);
  const [, setTick] = useState(0);
  const cache = useRef(new Map<number, StoredRecord>());
  const reading = useRef(new Set<number>());

  useEffect(() => {
    let active = true;
    const fail = (e: unknown) => {
      console.error(e);
      if (active) setFailed(true);
    };
    // A new listing reads its rows afresh (`received` may have flipped since).
    cache.current = new Map();
    reading.current = new Set();
    setListing(null);
    void (async () => {
      if (filter.status === 'drafts') {
        const drafts = await filteredDrafts(db, deviceId, filter);
        if (active) setListing({ kind: 'drafts', drafts });
      } else if (!isFiltered(filter)) {
        const head = await chainHead(db, deviceId);
        if (active) setListing({ kind: 'chain', head });
      } else {
        const hashes: string[] = [];
        await scanRecords(db, deviceId, filter, (found) => {
          if (!active) return false;
          found.forEach((r, k) => hashes.length + k < KEEP_FROM_SCAN && cache.current.set(hashes.length + k, r));
          hashes.push(...found.map((r) => r.hash));
          setListing({ kind: 'scan', hashes, complete: false });
          return true;
        });
        if (active) setListing({ kind: 'scan', hashes, complete: true });
      }
    })().catch(fail);
    return () => {
      active = false;
    };
    // `query` stands for the whole filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [db, deviceId, query]);

  const onRange = useCallback(
    (start: number, end: number) => {
      if (!listing || listing.kind === 'drafts') return;
      const missing: number[] = [];
      for (let i = start; i < end; i++) if (!cache.current.has(i) && !reading.current.has(i)) missing.push(i);
      if (missing.length === 0) return;
      if (cache.current.size > CACHE_LIMIT) cache.current = new Map();
      const from = missing[0]!;
      const to = missing[missing.length - 1]! + 1;
      for (let i = from; i < to; i++) reading.current.add(i);
      const read: Promise<(StoredRecord | undefined)[]> =
        listing.kind === 'chain' ? chainRows(db, deviceId, listing.head, from, to) : recordsByKeys(db, listing.hashes.slice(from, to));
      const target = cache.current;
      read
        .then((rows) => rows.forEach((r, k) => r && target.set(from + k, r)))
        .catch((e: unknown) => {
          console.error(e);
          setFailed(true);
        })
        .finally(() => {
          for (let i = from; i < to; i++) reading.current.delete(i);
          setTick((n) => n + 1);
        });
    },
    [listing, db, deviceId],
  );

  const count = !listing ? 0 : listing.kind === 'chain' ? listing.head : listing.kind === 'scan' ? listing.hashes.length : listing.drafts.length;
  return { listing, count, record: (i) => cache.current.get(i), onRange, failed };
}
