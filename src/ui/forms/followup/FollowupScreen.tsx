import { useMemo } from 'preact/hooks';
import { shanghaiDay } from '../../../domain/review';
import type { StoredRectItem } from '../../../store/db';
import { storedRectItem, storedRectItems } from '../../../store/rect-items';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { unitName } from '../common/body';
import type { FormKind } from '../common/editor';
import { FormScreen } from '../common/FormScreen';
import '../common/forms.css';
import { followupKind } from './kind';
import { followupMessages, type FollowupKey } from './messages';

/**
 * 回头看 (#/followup): the rectification items kept from the last sync, per unit, due first; picking
 * one opens the follow-up form for it (#/followup?item=<id>). Works offline.
 */
export default function FollowupScreen(props: ScreenProps & { resumeId?: string }) {
  const itemId = props.params.item;
  if (props.resumeId || itemId) return <FollowupForm itemId={itemId} resumeId={props.resumeId} />;
  return <ItemPicker />;
}

function FollowupForm(props: { itemId?: string; resumeId?: string }) {
  const { db, session } = useApp();
  const item = useLiveQuery(async () => (props.itemId ? ((await storedRectItem(db, session.campaign.id, props.itemId)) ?? null) : null), [db, props.itemId]);
  // The form starts on the chosen item: its id and unit are in the body from the first render.
  const kind = useMemo<FormKind<FollowupKey>>(() => {
    const chosen = item.value ?? undefined;
    return chosen ? { ...followupKind, start: (now) => ({ ...followupKind.start(now), itemId: chosen.id, unitId: chosen.unitId }) } : followupKind;
  }, [item.value]);
  if (props.itemId && item.value === undefined) return null;
  return <FormScreen kind={kind} resumeId={props.resumeId} />;
}

function ItemPicker() {
  const { db, session, navigate } = useApp();
  const t = useT(followupMessages);
  const c = session.campaign;
  const items = useLiveQuery(() => storedRectItems(db, c.id), [db, c.id]);
  const today = shanghaiDay(Date.now());
  const byUnit = new Map<string, StoredRectItem[]>();
  for (const i of items.value ?? []) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i]);
  return (
    <div class="form-screen">
      <h1 id="form-title" class="form-title">
        {t('title')}
      </h1>
      {items.value && items.value.length === 0 && <p data-testid="followup-none">{t('noItems')}</p>}
      {items.value && items.value.length > 0 && <p class="muted">{t('pick')}</p>}
      {[...byUnit].map(([unitId, list]) => (
        <section key={unitId} class="card followup-unit-card" aria-labelledby={`fu-${unitId}`} data-testid={`followup-unit-${unitId}`}>
          <h2 id={`fu-${unitId}`}>
            {unitName(c, unitId)} <span class="muted">{t('items', { n: list.length })}</span>
          </h2>
          {list.map((i) => (
            <button
              key={i.id}
              type="button"
              class="link-row"
              data-testid="followup-pick"
              onClick={() => navigate(`/followup?item=${encodeURIComponent(i.id)}`)}
            >
              <span class="link-row-main">
                <span class="link-row-title">{i.problem}</span>
                <span class="link-row-sub">
                  {t('deadline', { day: i.deadline })}
                  {i.deadline <= today && <strong class="followup-due"> · {t('due')}</strong>}
                </span>
              </span>
              <span class="chevron" aria-hidden="true">
                ›
              </span>
            </button>
          ))}
        </section>
      ))}
    </div>
  );
}
