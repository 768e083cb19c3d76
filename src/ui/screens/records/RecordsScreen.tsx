import { useState } from 'preact/hooks';
import { Banner } from '../../components/Banner';
import { VirtualList } from '../../components/VirtualList';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { filterFromParams, filterToQuery, type ListFilter } from './filter';
import { Filters } from './Filters';
import { RECORDS } from './messages';
import { DraftRow, PendingRow, RecordRow } from './RecordRow';
import { useListing } from './useListing';
import { useReceivedThrough } from './useReceivedThrough';
import { useCampaign } from '../../components/useCampaign';

const ROW_HEIGHT = 76;

/**
 * Rows keep one height for the virtual list; in 大字/高对比 (and at any larger text size) they grow
 * with the root font size and have room for wrapped text: type, title and two lines of detail.
 */
function rowHeight(): number {
  const html = document.documentElement;
  const rem = parseFloat(getComputedStyle(html).fontSize) || 18;
  return html.dataset.display === 'bold' ? Math.ceil(rem * 7) : Math.max(ROW_HEIGHT, Math.ceil((ROW_HEIGHT * rem) / 18));
}

/**
 * 记录: every record of this tablet's chain, newest first, filtered by type, unit, day, status and
 * sending. Only the rows on screen are read in full and rendered.
 */
export default function RecordsScreen({ params }: ScreenProps) {
  const { db, session } = useApp();
  const t = useT(RECORDS);
  const { deviceId } = session;
  const campaign = useCampaign();
  const [filter, setFilterState] = useState<ListFilter>(() => filterFromParams(params));
  const query = filterToQuery(filter);
  const { listing, count, record, onRange, failed } = useListing(db, deviceId, filter, query);
  // Live: the badges turn to 已发送 as receipts arrive while the list is open.
  const through = useReceivedThrough(db, deviceId);

  const setFilter = (f: ListFilter) => {
    setFilterState(f);
    // Replace, not push: the back button leaves the list instead of stepping through filters.
    history.replaceState(history.state, '', `#/records${filterToQuery(f)}`);
  };

  const renderRow = (i: number) => {
    if (listing?.kind === 'drafts') return <DraftRow draft={listing.drafts[i]!} campaign={campaign} />;
    const rec = record(i);
    return rec ? <RecordRow rec={rec} campaign={campaign} through={through} /> : <PendingRow />;
  };
  const searching = listing?.kind === 'scan' && !listing.complete;
  const countText = !listing
    ? t('loading')
    : listing.kind === 'drafts'
      ? t('draftCount', { n: count })
      : searching
        ? t('searching', { n: count })
        : t('count', { n: count });

  return (
    <section class="screen screen-fill" aria-labelledby="records-title">
      <div class="screen-head">
        <h1 id="records-title">{t('title')}</h1>
      </div>
      <Filters filter={filter} campaign={campaign} onChange={setFilter} />
      {failed && <Banner tone="error">{t('loadFailed')}</Banner>}
      <p class="list-count" aria-live="polite" data-testid="list-count" data-complete={listing && !searching ? 'true' : 'false'}>
        {countText}
      </p>
      {listing && count === 0 && !searching && <p class="notice">{listing.kind === 'drafts' ? t('emptyDrafts') : t('empty')}</p>}
      {listing && count > 0 && <VirtualList key={query} count={count} rowHeight={rowHeight()} renderRow={renderRow} onRange={onRange} label={t('listLabel')} />}
    </section>
  );
}
