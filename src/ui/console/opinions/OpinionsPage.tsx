import { useState } from 'preact/hooks';
import { OPINION_SOURCES, OPINION_TAGS } from '../../../domain/opinions';
import { useT } from '../../i18n';
import { useConsole, useLoad } from '../context';
import { KeyPanel } from '../findings/KeyPanel';
import type { CampaignKey, KeyFileOpener } from '../findings/keyring';
import { openKeyFile } from '../findings/openKeyFile';
import { Choice, LoadStatus, PageHead } from '../ui';
import { NO_FILTER, sortAndFilter, type OpinionFilter } from './filter';
import { opinionMessages, type OpinionKey } from './messages';
import { FeedbackPanel } from './FeedbackPanel';
import { OpinionCounts } from './OpinionCounts';
import { OpinionsTable } from './OpinionsTable';
import { RectFromOpinions } from './RectFromOpinions';
import { TagPanel } from './TagPanel';

/**
 * 意见梳理 (归纳梳理 and 甄别): every opinion of the campaign by unit × dimension × source, with the
 * office's tags. A finding's description is decrypted here with the unlocked campaign key.
 */
export function OpinionsPage(props: { campaignKey: CampaignKey | null; onKey(k: CampaignKey | null): void; open?: KeyFileOpener }) {
  const t = useT(opinionMessages);
  const { api, campaign } = useConsole();
  const c = campaign!;
  const [filter, setFilter] = useState<OpinionFilter>(NO_FILTER);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState<number | null>(null);
  const [made, setMade] = useState(false);
  const list = useLoad(() => api.opinions(c.id), [api, c.id]);
  const rows = sortAndFilter(
    list.data?.rows ?? [],
    filter,
    c.units.map((u) => u.id),
    c.dimensions.map((d) => d.id),
  );
  const pickedRows = rows.filter((r) => chosen.has(r.ref));
  const picked = pickedRows.map((r) => r.ref);

  const choose = (refs: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const r of refs) {
      if (on) next.add(r);
      else next.delete(r);
    }
    setChosen(next);
    setSaved(null);
    setMade(false);
  };
  const select = (key: keyof OpinionFilter, options: [string, string][], label: string) => (
    <label class="c-field c-inline">
      <span>{label}</span>
      <Choice options={options} value={filter[key]} onChange={(v) => setFilter({ ...filter, [key]: v })} none={t('all')} />
    </label>
  );

  return (
    <section>
      <PageHead title={t('heading')} intro={t('intro')} />
      <KeyPanel campaign={c} campaignKey={props.campaignKey} open={props.open ?? openKeyFile} onKey={props.onKey} />
      <LoadStatus load={list} />
      {list.data && <OpinionCounts answer={list.data} campaign={c} />}
      <FeedbackPanel />
      <div class="c-filters" data-testid="opinion-filters">
        {select('unitId', [...c.units.map((u): [string, string] => [u.id, u.name]), ['-', t('noUnit')]], t('unit'))}
        {select(
          'dimensionId',
          c.dimensions.map((d): [string, string] => [d.id, d.label]),
          t('dimension'),
        )}
        {select(
          'source',
          OPINION_SOURCES.map((s): [string, string] => [s, t(s)]),
          t('source'),
        )}
        {select('tag', [...OPINION_TAGS.map((x): [string, string] => [x, t(x as OpinionKey)]), ['untagged', t('untagged')]], t('tags'))}
        <span class="c-muted">{t('shown', { n: rows.length })}</span>
      </div>
      {saved !== null && (
        <p class="c-banner c-banner-info" role="status">
          {t('saved', { n: saved })}
        </p>
      )}
      {made && (
        <p class="c-banner c-banner-info" role="status">
          {t('itemMade')}
        </p>
      )}
      <TagPanel
        refs={picked}
        onDone={(n) => {
          setChosen(new Set());
          setSaved(n);
          list.reload();
        }}
      />
      <RectFromOpinions
        rows={pickedRows}
        onDone={() => {
          setChosen(new Set());
          setMade(true);
        }}
      />
      {list.data && rows.length === 0 && <p class="c-empty">{t('none')}</p>}
      {rows.length > 0 && <OpinionsTable rows={rows} campaign={c} campaignKey={props.campaignKey} chosen={chosen} onChoose={choose} />}
    </section>
  );
}
