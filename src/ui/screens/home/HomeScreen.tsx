import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Campaign } from '../../../domain/campaign';
import type { Draft } from '../../../store/db';
import { keptRectItemCount } from '../../../store/rect-items';
import { dayCounts, draftsOf, localDay, TYPES, unitsOfBody, unsentCount, type TypeCounts } from '../../../store/queries';
import { cachedToday, rememberToday } from '../../../store/today-cache';
import { Banner } from '../../components/Banner';
import { LinkButton } from '../../components/Button';
import { formatDateTime, formatLongDate } from '../../components/format';
import { Icon } from '../../components/icons';
import { TYPE_NAMES, WORK_TYPES } from '../../components/recordTypes';
import { useShell } from '../../components/shell/ShellContext';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { HOME } from './messages';
import { StorageCard } from './StorageCard';
import { unseenCampaignUpdate } from '../../../sync/campaign-notice';

const DRAFTS_SHOWN = 5;

/** 首页: today's work by type with big start buttons, drafts to finish, what is unsent, storage. */
export default function HomeScreen() {
  const { db, session, lang } = useApp();
  const shell = useShell();
  const t = useT(HOME);
  const types = useT(TYPE_NAMES);
  const now = Date.now();
  const day = localDay(now);
  const { deviceId, practice } = session;

  const data = useLiveQuery(async () => {
    const [counts, drafts, unsent, rectItems] = await Promise.all([
      dayCounts(db, deviceId, day),
      draftsOf(db, deviceId),
      practice ? 0 : unsentCount(db, deviceId),
      keptRectItemCount(db, session.campaign.id),
    ]);
    rememberToday(deviceId, day, counts);
    return { counts, drafts, unsent, rectItems };
  }, [db, deviceId, day, practice, session.campaign.id]);
  // Until the day's row has been read, the counts this tablet last read or sealed today (a
  // synchronous read, shown in the first frame); the row's own counts replace them when they come.
  const remembered = useMemo(() => {
    const c = cachedToday(deviceId, day);
    return c && (Object.fromEntries(TYPES.map((type) => [type, c[type] ?? 0])) as TypeCounts);
  }, [deviceId, day]);
  const counts = data.value?.counts ?? remembered;
  const confirmed = data.value !== undefined;

  return (
    <section class="screen" aria-labelledby="home-title">
      <div class="screen-head">
        <h1 id="home-title">
          {t('today')} <span class="muted">{formatLongDate(now, lang)}</span>
        </h1>
      </div>
      {practice && <p class="muted">{t('practiceNote')}</p>}
      {data.error !== undefined && <Banner tone="error">{t('loadFailed')}</Banner>}
      <LazyUpdateCard />

      <div class="tiles" aria-busy={!confirmed} data-confirmed={confirmed ? 'yes' : 'no'}>
        {WORK_TYPES.map((type) => (
          <a key={type} class="tile" href={`#/${type}`} data-testid={`tile-${type}`}>
            <Icon name={type} size={36} class="tile-icon" />
            <span class="tile-name">{types(type)}</span>
            <span class="tile-count">
              {t('todayCount')} <strong data-testid={`count-${type}`}>{counts ? counts[type] : '–'}</strong>
              {t('unitCopies')}
            </span>
            <span class="tile-start">{t('start')} ›</span>
          </a>
        ))}
        {/* 回头看: shown once a sync brought rectification items (or a follow-up was sealed today). */}
        {((data.value?.rectItems ?? 0) > 0 || (counts?.followup ?? 0) > 0) && (
          <a class="tile" href="#/followup" data-testid="tile-followup">
            <Icon name="check" size={36} class="tile-icon" />
            <span class="tile-name">{types('followup')}</span>
            <span class="tile-count">
              {t('followupKept')} <strong data-testid="count-followup-items">{data.value?.rectItems ?? '–'}</strong>
            </span>
            <span class="tile-start">{t('start')} ›</span>
          </a>
        )}
      </div>
      {counts && counts.amend + counts.void > 0 && <p class="muted">{t('corrections', { amend: counts.amend, void: counts.void })}</p>}

      <div class="card-grid">
        <section class="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">
            <Icon name="draft" />
            {t('drafts')}
          </h2>
          {data.value && data.value.drafts.length === 0 && <p class="muted">{t('noDrafts')}</p>}
          <ul class="list-plain">
            {data.value?.drafts.slice(0, DRAFTS_SHOWN).map((d) => (
              <li key={d.id}>
                <DraftLink draft={d} campaign={session.campaign} />
              </li>
            ))}
          </ul>
          {data.value && data.value.drafts.length > DRAFTS_SHOWN && (
            <LinkButton href="#/records?status=drafts" variant="quiet">
              {t('allDrafts', { n: data.value.drafts.length })}
            </LinkButton>
          )}
        </section>

        <div class="stack">
          <section class="card" aria-labelledby="unsent-title">
            <h2 id="unsent-title">
              <Icon name="sync" />
              {t('sending')}
            </h2>
            {practice ? (
              <p class="muted">{t('practiceNotSent')}</p>
            ) : data.value?.unsent ? (
              <div class="row">
                <p>
                  <span class="big-number" data-testid="unsent">
                    {data.value.unsent}
                  </span>{' '}
                  {t('unsent')}
                </p>
                <LinkButton href="#/sync" variant="primary">
                  {t('goSync')}
                </LinkButton>
              </div>
            ) : (
              data.value && <p data-testid="unsent-none">{t('allSent')}</p>
            )}
          </section>
          <StorageCard storage={shell.storage} />
        </div>
      </div>
    </section>
  );
}

/** A draft to resume: its type, its units, when it was last touched. */
function DraftLink(props: { draft: Draft; campaign: Campaign }) {
  const { lang } = useApp();
  const t = useT(HOME);
  const types = useT(TYPE_NAMES);
  const { draft } = props;
  const units = unitsOfBody(draft.body)
    .map((id) => props.campaign.units.find((u) => u.id === id)?.name ?? id)
    .join('、');
  return (
    <a class="link-row" href={`#/draft/${encodeURIComponent(draft.id)}`} data-testid="draft-link">
      <Icon name="draft" />
      <span class="link-row-main">
        <span class="link-row-title">
          {types(draft.type)} · {units || t('noUnit')}
        </span>
        <span class="link-row-sub">{t('updated', { time: formatDateTime(draft.updatedAt, lang) })}</span>
      </span>
      <span class="chevron" aria-hidden="true">
        ›
      </span>
    </a>
  );
}

/**
 * 活动已更新, loaded only when there is an update to show: the card and its words for every kind of
 * change stay out of a first visit.
 */
function LazyUpdateCard() {
  const { db, session } = useApp();
  const [Card, setCard] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (session.practice) return;
    let live = true;
    void unseenCampaignUpdate(db)
      .then((n) => (n ? import('../../campaign/CampaignUpdateCard') : undefined))
      .then((m) => live && m && setCard(() => m.CampaignUpdateCard))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [db, session.practice]);
  return Card ? <Card /> : null;
}
