import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RecordType } from '../../../domain/records';
import type { Draft } from '../../../store/db';
import { discardDraft, findResumable, getDraft, restoreDraft } from '../../../store/drafts';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { common } from './messages';
import { ResumePrompt, UndoToast } from './Notices';

type Gate = { kind: 'loading' } | { kind: 'offer'; draft: Draft } | { kind: 'ready'; draft: Draft | undefined } | { kind: 'refused'; message: string };

/**
 * Before a form opens: an unfinished draft of the same form is offered for resumption ("有未完成的
 * 问卷，继续填写？"); discarding it can be undone for a few seconds. With `resumeId` (#/draft/:id)
 * that draft is opened directly. Children get the draft to continue, or undefined for a new one.
 */
export function ResumeGate(props: { type: RecordType; formName: string; resumeId?: string; children: (draft: Draft | undefined) => ComponentChildren }) {
  const { db, session, lang } = useApp();
  const t = useT(common);
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [undo, setUndo] = useState<Draft | undefined>();

  useEffect(() => {
    let live = true;
    const q = { campaignId: session.campaign.id, deviceId: session.deviceId, type: props.type };
    const load = props.resumeId ? getDraft(db, props.resumeId) : findResumable(db, q);
    void load.then((d) => {
      if (!live) return;
      if (props.resumeId) {
        if (!d) setGate({ kind: 'refused', message: t('draftMissing') });
        else if (d.campaignId !== session.campaign.id || d.deviceId !== session.deviceId)
          setGate({ kind: 'refused', message: t('draftOtherCampaign', { campaign: d.campaignId }) });
        else setGate({ kind: 'ready', draft: d });
      } else setGate(d ? { kind: 'offer', draft: d } : { kind: 'ready', draft: undefined });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [db, session.campaign.id, session.deviceId, props.type, props.resumeId]);

  const discard = async (d: Draft) => {
    await discardDraft(db, d.id);
    setUndo(d);
    setGate({ kind: 'ready', draft: undefined });
  };
  const undoDiscard = async (d: Draft) => {
    await restoreDraft(db, d);
    setUndo(undefined);
    setGate({ kind: 'ready', draft: d });
  };

  return (
    <>
      {gate.kind === 'loading' && <p class="form-loading">{t('loading')}</p>}
      {gate.kind === 'refused' && (
        <p class="form-error" role="alert">
          {gate.message}
        </p>
      )}
      {gate.kind === 'offer' && (
        <ResumePrompt
          title={t('resumeTitle', { form: props.formName })}
          detail={t('resumeSaved', { time: new Date(gate.draft.updatedAt).toLocaleString(lang) })}
          resume={t('resume')}
          discard={t('discard')}
          onResume={() => setGate({ kind: 'ready', draft: gate.draft })}
          onDiscard={() => void discard(gate.draft)}
        />
      )}
      {gate.kind === 'ready' && <div key={gate.draft?.id ?? 'new'}>{props.children(gate.draft)}</div>}
      {undo && (
        <UndoToast
          message={t('discarded', { form: props.formName })}
          action={t('undo')}
          onAction={() => void undoDiscard(undo)}
          onDone={() => setUndo(undefined)}
        />
      )}
    </>
  );
}
