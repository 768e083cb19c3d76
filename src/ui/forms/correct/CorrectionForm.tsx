import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import type { Draft, StoredRecord } from '../../../store/db';
import { findCorrectionDraft, newDraft } from '../../../store/drafts';
import { BodyFields } from '../../screens/records/BodyFields';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { str, withField, type Body, type Missing } from '../common/body';
import { sealingFor } from '../common/encrypt';
import { TextArea } from '../common/Inputs';
import { common } from '../common/messages';
import { outcomeMessage } from '../common/outcome';
import { focusQuestion, Question } from '../common/Question';
import { SealBar } from '../common/SealBar';
import { sealForm } from '../common/seal-form';
import { useFormDraft } from '../common/useFormDraft';
import { FORM_KINDS } from '../kinds';
import { correctMessages } from './messages';
import { correctionBody, withKeptFrom, type CorrectionAction, type CorrectionPlan } from './model';
import { KeptNote } from './KeptNote';
import { useCampaign } from '../../components/useCampaign';

/** Loads an unfinished correction of the same record (resumed as it was), then the form. */
export function CorrectionForm(props: { plan: CorrectionPlan; action: CorrectionAction }) {
  const { db, session } = useApp();
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  useEffect(() => {
    const q = { campaignId: session.campaign.id, deviceId: session.deviceId, type: props.action, targetId: props.plan.original.record.id };
    void findCorrectionDraft(db, q).then((d) => setDraft(d ?? null));
  }, [db, session, props.action, props.plan]);
  if (draft === undefined) return null;
  return <CorrectionFill plan={props.plan} action={props.action} resumed={draft ?? undefined} />;
}

function CorrectionFill(props: { plan: CorrectionPlan; action: CorrectionAction; resumed: Draft | undefined }) {
  const { db, session, navigate } = useApp();
  const { plan, action } = props;
  const t = useT(correctMessages);
  const tc = useT(common);
  const kind = FORM_KINDS[plan.type];
  const tk = useT(kind.messages);
  const c = useCampaign();
  const form = useFormDraft(
    () => props.resumed ?? newDraft({ campaignId: c.id, deviceId: session.deviceId, type: action, body: correctionBody(plan, action) }, Date.now()),
  );
  const sealing = useMemo(() => sealingFor(c), [c]);
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<StoredRecord>();
  const closeConfirm = useCallback(() => setConfirming(false), []);
  const body = form.draft.body;
  const inner = (body.body ?? {}) as Body;
  const kept = action === 'amend' ? plan.kept : undefined;
  // Retyping replaces the carried-over confidential part; a resumed draft with typed secrets was doing so.
  const [replacing, setReplacing] = useState(() => !!kind.secretToSeal(props.resumed?.secret));
  const retype = !kept?.sealed || replacing;
  const canSeal = !!sealing && retype;

  const check = (): Missing[] => [
    ...(str(body.reason).trim() ? [] : [{ anchor: 'reason', label: t('reason') }]),
    ...(action === 'amend' ? kind.missing(c, inner, form.draft.secret, { mode: 'amend', canSeal }, tk) : []),
  ];
  const missing = attempted ? check() : [];

  const seal = async (confirmed: boolean) => {
    const now = check();
    setAttempted(true);
    setError(undefined);
    if (now.length) return focusQuestion(now[0]!.anchor);
    if (action === 'void' && !confirmed) return setConfirming(true);
    setConfirming(false);
    setBusy(true);
    await form.flush();
    const current = form.current();
    const secret = action === 'amend' && retype ? kind.secretToSeal(current.secret) : undefined;
    // Carried over: the photos always (a correction cannot change them), the sealed part unless retyped.
    const keep = kept
      ? { ...(secret ? {} : kept.sealed ? { sealed: kept.sealed } : {}), ...(kept.attachments ? { attachments: kept.attachments } : {}) }
      : undefined;
    const draft = keep?.sealed || keep?.attachments ? { ...current, body: withKeptFrom(current.body, kept) } : current;
    const out = await sealForm(draft, { db, session, sealing, secret, ...(keep ? { keep } : {}) });
    setBusy(false);
    if (!out.ok) return setError(outcomeMessage(out, tc));
    setDone(out.stored);
  };

  if (done) {
    return (
      <section class="done" role="status">
        <h2>{action === 'amend' ? t('doneAmend') : t('doneVoid')}</h2>
        <div class="row">
          <button type="button" class="btn btn-primary btn-large" onClick={() => navigate(`/records/${plan.original.hash}`)}>
            {t('backToOriginal')}
          </button>
          <button type="button" class="btn btn-secondary btn-large" onClick={() => navigate(`/records/${done.hash}`)}>
            {tc('viewRecord')}
          </button>
        </div>
      </section>
    );
  }
  const Editor = kind.Editor;
  return (
    <>
      {props.resumed && <p class="muted">{t('resumed')}</p>}
      <section class="card read-card" aria-label={t('original')}>
        <h2>{t('original')}</h2>
        <BodyFields type={plan.type} body={plan.original.record.body} campaign={c} />
      </section>
      <p class="form-lead">{action === 'amend' ? t('amendLead') : t('voidLead')}</p>
      {action === 'amend' && plan.amendments > 0 && <p class="confidential">{t('amended', { n: plan.amendments })}</p>}
      {kept && (
        <KeptNote
          kept={kept}
          replacing={replacing}
          canRetype={!!sealing}
          onReplace={() => setReplacing(true)}
          onKeep={() => {
            setReplacing(false);
            form.answer({ secret: null });
          }}
        />
      )}
      <fieldset class="form-fieldset" disabled={busy}>
        <Question anchor="reason" label={t('reason')} invalid={missing.some((m) => m.anchor === 'reason')}>
          <TextArea
            id="correct-reason"
            label={t('reason')}
            placeholder={t('reasonHint')}
            rows={2}
            maxLength={2000}
            value={str(body.reason)}
            onInput={(v) => form.answer({ body: withField(form.current().body, 'reason', v) })}
          />
        </Question>
        {action === 'amend' && (
          <Editor
            campaign={c}
            body={inner}
            secret={form.draft.secret}
            onBody={(next) => form.answer({ body: { ...form.current().body, body: next } })}
            onSecret={(next) => form.answer({ secret: next })}
            invalid={new Set(missing.map((m) => m.anchor))}
            mode="amend"
            canSeal={canSeal}
          />
        )}
      </fieldset>
      <SealBar
        missing={missing}
        error={error}
        busy={busy}
        danger={action === 'void'}
        label={action === 'amend' ? t('sealAmend') : t('sealVoid')}
        onSeal={() => void seal(false)}
      />
      {confirming && (
        <Dialog
          title={t('confirmVoid')}
          onClose={closeConfirm}
          actions={
            <>
              <button type="button" class="btn btn-secondary btn-large" onClick={() => setConfirming(false)}>
                {tc('cancel')}
              </button>
              <button type="button" class="btn btn-danger btn-large" onClick={() => void seal(true)}>
                {t('sealVoid')}
              </button>
            </>
          }
        >
          <p>{t('confirmVoidText', { reason: str(body.reason).trim() })}</p>
        </Dialog>
      )}
    </>
  );
}
