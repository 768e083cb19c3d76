import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import type { ConsoleApi } from '../api';
import type { Person, RectItemView } from '../api-types';
import { ConsoleContext, useConsole, useLoad, useRefused } from '../context';
import { ConsoleHeader } from '../ConsoleHeader';
import { Button, ErrorBanner, Loading } from '../ui';
import { ItemCard } from './ItemCard';
import { rectMessages } from './messages';
import { UnitFeedback } from './UnitFeedback';

type UnitCampaign = { id: string; name: string; year: number; unitName: string };

/** The console of a unit account (被评单位): its own items only, each with an answer form. */
export function UnitConsole(props: { api: ConsoleApi; me: Person; onSignedOut(): void; onSessionLost(): void }) {
  const tr = useT(rectMessages);
  const [campaigns, setCampaigns] = useState<UnitCampaign[] | null>(null);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    props.api.unitCampaigns().then((r) => {
      setCampaigns(r.campaigns);
      setCampaignId(r.campaigns[0]?.id ?? null);
    }, setError);
  }, [props.api]);
  const services = { api: props.api, me: props.me, campaigns: [], campaign: null, sessionLost: props.onSessionLost };
  const current = campaigns?.find((c) => c.id === campaignId);
  return (
    <ConsoleContext.Provider value={services}>
      <div class="c-app">
        <ConsoleHeader
          campaigns={campaigns}
          campaignId={campaignId}
          onCampaign={setCampaignId}
          pickerAbove={1}
          who={`${props.me.displayName ?? props.me.username} · ${current?.unitName ?? props.me.unitId}`}
          onSignOut={() => void props.api.signOut().finally(props.onSignedOut)}
        />
        <main class="c-main">
          <h1>{tr('unitHeading')}</h1>
          <p class="c-muted">{tr('unitIntro')}</p>
          {error != null && <ErrorBanner error={error} />}
          {!campaigns && !error && <Loading />}
          {current && <UnitItems key={current.id} campaignId={current.id} unitName={current.unitName} />}
          {current && <UnitFeedback key={`fb-${current.id}`} campaignId={current.id} />}
        </main>
      </div>
    </ConsoleContext.Provider>
  );
}

function UnitItems(props: { campaignId: string; unitName: string }) {
  const tr = useT(rectMessages);
  const { api } = useConsole();
  const list = useLoad(() => api.unitRectifications(props.campaignId), [props.campaignId]);
  if (list.error != null) return <ErrorBanner error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.items.length === 0) return <p>{tr('noItems')}</p>;
  return (
    <>
      {list.data.items.map((i) => (
        <ItemCard key={i.id} item={i} unitName={props.unitName}>
          {i.status !== 'closed' && <AnswerForm campaignId={props.campaignId} item={i} onDone={list.reload} />}
        </ItemCard>
      ))}
    </>
  );
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

function AnswerForm(props: { campaignId: string; item: RectItemView; onDone(): void }) {
  const tr = useT(rectMessages);
  const { api } = useConsole();
  const refused = useRefused();
  const [kind, setKind] = useState('plan');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = props.item.id;

  async function send(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const files = (f.getAll('files') as File[]).filter((x) => x.size > 0);
      const evidence = [];
      for (const file of files) {
        const held = await api.unitEvidence(props.campaignId, { mime: file.type, data: await toBase64(file) });
        evidence.push({ ...held, name: file.name.slice(0, 200) });
      }
      await api.unitAnswer(props.campaignId, id, {
        kind,
        text: String(f.get('text') ?? '').trim(),
        ...(kind === 'not-yet' ? { by: String(f.get('by') ?? '') } : {}),
        ...(evidence.length ? { evidence } : {}),
      });
      form.reset();
      props.onDone();
    } catch (err) {
      setError(await refused(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="c-card" onSubmit={(e) => void send(e)} data-testid="rect-answer" aria-label={tr('answer')}>
      {error != null && <ErrorBanner error={error} />}
      <label>
        {tr('kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="plan">{tr('kPlan')}</option>
          <option value="progress">{tr('kProgress')}</option>
          <option value="done">{tr('kDone')}</option>
          <option value="not-yet">{tr('kNotYet')}</option>
        </select>
      </label>
      <label>
        {tr('text')}
        <textarea name="text" required maxLength={2000} rows={3} />
      </label>
      {kind === 'not-yet' && (
        <label>
          {tr('by')}
          <input name="by" type="date" required />
        </label>
      )}
      <label>
        {tr('files')}
        <input name="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" />
      </label>
      <Button kind="primary" type="submit" disabled={busy}>
        {tr('send')}
      </Button>
    </form>
  );
}
