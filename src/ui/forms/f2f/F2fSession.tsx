import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Draft } from '../../../store/db';
import { countTodayF2f, discardDraft, newDraft, type F2fCount } from '../../../store/drafts';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { labelOf, unitName, type Body } from '../common/body';
import { sealingFor } from '../common/encrypt';
import { common } from '../common/messages';
import { focusQuestion } from '../common/Question';
import { SealBar } from '../common/SealBar';
import { SEAL_QUIET_MS, SealedNote, useSealGuard, type SealedInfo } from '../common/SealedNote';
import { sealForm } from '../common/seal-form';
import { useFormDraft } from '../common/useFormDraft';
import { outcomeMessage } from '../common/outcome';
import { F2fEditor } from './F2fEditor';
import { F2fSetupPicker } from './F2fSetupPicker';
import { Progress } from './Progress';
import { ReviewDialog } from '../common/ReviewDialog';
import { UnitSwitch } from './UnitSwitch';
import { f2fMessages } from './messages';
import { f2fSecretToSeal, f2fStartBody, missingF2f, type F2fSecret } from './model';
import type { F2fSetup } from './setup';
import { useCampaign } from '../../components/useCampaign';

/**
 * Respondent after respondent for one unit and place: the questionnaire, the seal, and at once the
 * next respondent with the same unit and place; today's count for the unit is always in view.
 */
export function F2fSession(props: { setup: F2fSetup; initial?: Draft; onSetup(setup: F2fSetup): void }) {
  const { db, session } = useApp();
  const t = useT(f2fMessages);
  const tc = useT(common);
  const c = useCampaign();
  const fresh = (s: F2fSetup) => newDraft({ campaignId: c.id, deviceId: session.deviceId, type: 'f2f', body: f2fStartBody(s) }, Date.now());
  const form = useFormDraft(() => props.initial ?? fresh(props.setup));
  const sealing = useMemo(() => sealingFor(c), [c]);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sealed, setSealed] = useState<SealedInfo>();
  const [quiet, setQuiet] = useState(false);
  const guard = useSealGuard();
  const [changing, setChanging] = useState(false);
  const [switching, setSwitching] = useState<F2fSetup>();
  const [reviewing, setReviewing] = useState(false);
  const [count, setCount] = useState<F2fCount>({ total: 0, byGroup: {} });
  const body = form.draft.body;
  const secret = form.draft.secret as F2fSecret | undefined;
  const unitId = String(body.unitId ?? props.setup.unitId);

  const refreshCount = () => void countTodayF2f(db, { campaignId: c.id, deviceId: session.deviceId, unitId, now: Date.now() }).then(setCount);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  useEffect(() => refreshCount(), [db, unitId]);

  const words = { unit: t('unit'), channel: t('channel'), raterGroup: t('raterGroup'), overall: t('overall'), contact: t('contact') };
  const missing = attempted ? missingF2f(c, body, secret, words) : [];
  const invalid = new Set(missing.map((m) => m.anchor));
  const onBody = (next: Body) => form.answer({ body: next });
  const onSecret = (next: F2fSecret | null) => form.answer({ secret: next as Record<string, unknown> | null });

  useEffect(() => {
    if (!quiet) return;
    const timer = setTimeout(() => setQuiet(false), SEAL_QUIET_MS);
    return () => clearTimeout(timer);
  }, [quiet]);

  const seal = async (reviewed = false) => {
    // A second tap of the same gesture (or a bounce) while sealing or just after: not a new attempt.
    if (guard.busy()) return;
    const now = missingF2f(c, body, secret, words);
    setAttempted(true);
    setError(undefined);
    if (now.length) return focusQuestion(now[0]!.anchor);
    if (c.ui?.reviewBeforeSeal && !reviewed) return setReviewing(true);
    setReviewing(false);
    guard.start();
    setBusy(true);
    await form.flush();
    const out = await sealForm(form.draft, { db, session, sealing, secret: f2fSecretToSeal(secret) });
    setBusy(false);
    if (!out.ok) {
      guard.failed();
      return setError(outcomeMessage(out, tc));
    }
    guard.sealed();
    setQuiet(true);
    form.replace(fresh({ unitId, channel: String(body.channel) as F2fSetup['channel'] }));
    setAttempted(false);
    setSealed({ hash: out.stored.hash, sealedAt: out.stored.sealedAt });
    refreshCount();
    const top = document.getElementById('form-title');
    if (top && typeof top.scrollIntoView === 'function') top.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  if (changing) {
    return (
      <F2fSetupPicker
        campaign={c}
        initial={{ unitId, channel: String(body.channel) as F2fSetup['channel'] }}
        onCancel={() => setChanging(false)}
        onDone={(s) => {
          setChanging(false);
          // Answers given about one unit are not silently moved to another: ask first.
          if (form.draft.firstAnswerAt !== undefined && s.unitId !== unitId) return setSwitching(s);
          props.onSetup(s);
          form.adjust({ body: { ...body, unitId: s.unitId, channel: s.channel } });
        }}
      />
    );
  }
  const switchTo = (s: F2fSetup, keep: boolean) => {
    setSwitching(undefined);
    props.onSetup(s);
    if (keep) return form.adjust({ body: { ...body, unitId: s.unitId, channel: s.channel } });
    // Cleared on the person's word: the old answers go once every pending write has landed.
    const old = form.draft.id;
    void form.flush().then(() => discardDraft(db, old));
    form.replace(fresh(s));
    setAttempted(false);
  };
  const group = typeof body.raterGroup === 'string' ? body.raterGroup : undefined;
  return (
    <div class="f2f">
      <div class="form-context" aria-live="polite">
        <div class="form-context-main">
          <strong>{unitName(c, unitId)}</strong>
          <span> · {t(`ch_${String(body.channel)}` as 'ch_stall')}</span>
          <button type="button" class="btn btn-quiet" onClick={() => setChanging(true)}>
            {t('change')}
          </button>
        </div>
        <p class="form-counter" data-testid="f2f-counter">
          {t('counter', { total: count.total })}
          {group && <> · {t('counterGroup', { group: labelOf(c.raterGroups, group), n: count.byGroup[group] ?? 0 })}</>}
        </p>
      </div>
      <Progress campaign={c} body={body} />
      {sealed && form.draft.firstAnswerAt === undefined && <SealedNote sealed={sealed} next={t('next', { unit: unitName(c, unitId) })} />}
      <fieldset class="form-fieldset" disabled={busy}>
        <F2fEditor campaign={c} body={body} secret={secret} onBody={onBody} onSecret={onSecret} invalid={invalid} canSeal={!!sealing} />
      </fieldset>
      <SealBar
        missing={missing}
        error={error ?? (form.saveError && tc('saveFailed', { message: form.saveError }))}
        busy={busy}
        justSealed={quiet}
        onSeal={() => void seal()}
      />
      {reviewing && <ReviewDialog type="f2f" body={body} campaign={c} onConfirm={() => void seal(true)} onBack={() => setReviewing(false)} />}
      {switching && (
        <UnitSwitch
          from={unitName(c, unitId)}
          to={unitName(c, switching.unitId)}
          onKeep={() => switchTo(switching, true)}
          onRestart={() => switchTo(switching, false)}
          onCancel={() => setSwitching(undefined)}
        />
      )}
    </div>
  );
}
