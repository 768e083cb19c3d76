import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Draft, StoredRecord } from '../../../store/db';
import { newDraft } from '../../../store/drafts';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import type { Body } from './body';
import type { FormKind } from './editor';
import { sealingFor } from './encrypt';
import './forms.css';
import { common } from './messages';
import { outcomeMessage } from './outcome';
import { focusQuestion } from './Question';
import { ResumeGate } from './ResumeGate';
import { ReviewDialog } from './ReviewDialog';
import { SealBar } from './SealBar';
import { SEAL_QUIET_MS, SealedNote, useSealGuard } from './SealedNote';
import { sealForm } from './seal-form';
import { useFormDraft } from './useFormDraft';
import { usePhotos } from './usePhotos';
import { useCampaign } from '../../components/useCampaign';

/** A one-record form screen (座谈会, 明察暗访, 设点咨询): resume, fill, seal, then what next. */
export function FormScreen<K extends string>(props: { kind: FormKind<K>; resumeId?: string }) {
  const t = useT(props.kind.messages);
  return (
    <div class="form-screen">
      <h1 id="form-title" class="form-title">
        {t(props.kind.titleKey)}
      </h1>
      <ResumeGate type={props.kind.type} formName={t(props.kind.formKey)} resumeId={props.resumeId}>
        {(draft) => <FormSession kind={props.kind} initial={draft} />}
      </ResumeGate>
    </div>
  );
}

function FormSession<K extends string>(props: { kind: FormKind<K>; initial: Draft | undefined }) {
  const { db, session, navigate } = useApp();
  const { kind } = props;
  const t = useT(kind.messages);
  const tc = useT(common);
  const c = useCampaign();
  const fresh = () => newDraft({ campaignId: c.id, deviceId: session.deviceId, type: kind.type, body: kind.start(Date.now()) }, Date.now());
  const form = useFormDraft(() => props.initial ?? fresh());
  const photos = usePhotos(form);
  const sealing = useMemo(() => sealingFor(c), [c]);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<StoredRecord>();
  const [quiet, setQuiet] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const guard = useSealGuard();
  useEffect(() => {
    if (!quiet) return;
    const timer = setTimeout(() => setQuiet(false), SEAL_QUIET_MS);
    return () => clearTimeout(timer);
  }, [quiet]);
  const { body, secret } = form.draft;
  const ctx = { mode: 'new' as const, canSeal: !!sealing };
  const missing = attempted ? kind.missing(c, body, secret, ctx, t) : [];

  const seal = async (reviewed = false) => {
    // A second tap of the same gesture (or a bounce) while sealing or just after: not a new attempt.
    if (guard.busy()) return;
    const now = kind.missing(c, body, secret, ctx, t);
    setAttempted(true);
    setError(undefined);
    if (now.length) return focusQuestion(now[0]!.anchor);
    if (photos.working) return;
    if (c.ui?.reviewBeforeSeal && !reviewed) return setReviewing(true);
    setReviewing(false);
    guard.start();
    setBusy(true);
    await form.flush();
    const draft = form.current();
    const out = await sealForm(draft, { db, session, sealing, secret: kind.secretToSeal(draft.secret), sealPhotos: kind.sealPhotos?.(draft.body) ?? false });
    setBusy(false);
    if (!out.ok) {
      guard.failed();
      return setError(outcomeMessage(out, tc));
    }
    guard.sealed();
    setQuiet(true);
    form.replace(fresh());
    setAttempted(false);
    setDone(out.stored);
  };

  if (done) {
    return (
      <section class="done">
        <SealedNote sealed={done} next={session.practice ? tc('doneTextPractice') : tc('doneText')} />
        <div class="row">
          <button type="button" class="btn btn-primary btn-large" disabled={quiet} onClick={() => setDone(undefined)}>
            {tc('fillAnother')}
          </button>
          <button type="button" class="btn btn-secondary btn-large" disabled={quiet} onClick={() => navigate(`/records/${done.hash}`)}>
            {tc('viewRecord')}
          </button>
          <button type="button" class="btn btn-secondary btn-large" disabled={quiet} onClick={() => navigate('/')}>
            {tc('backHome')}
          </button>
        </div>
      </section>
    );
  }
  const Editor = kind.Editor;
  return (
    <>
      <fieldset class="form-fieldset" disabled={busy}>
        <Editor
          campaign={c}
          body={body}
          secret={secret}
          onBody={(next: Body) => form.answer({ body: next })}
          onSecret={(next) => form.answer({ secret: next })}
          invalid={new Set(missing.map((m) => m.anchor))}
          mode="new"
          canSeal={!!sealing}
          photos={photos}
        />
      </fieldset>
      <SealBar
        missing={missing}
        error={error ?? (form.saveError && tc('saveFailed', { message: form.saveError }))}
        busy={busy}
        disabled={photos.working > 0}
        onSeal={() => void seal()}
      />
      {reviewing && <ReviewDialog type={kind.type} body={body} campaign={c} onConfirm={() => void seal(true)} onBack={() => setReviewing(false)} />}
    </>
  );
}
