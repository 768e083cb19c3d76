import { useState } from 'preact/hooks';
import type { Draft } from '../../../store/db';
import { useApp, type ScreenProps } from '../../context';
import { useT } from '../../i18n';
import { str } from '../common/body';
import { ResumeGate } from '../common/ResumeGate';
import '../common/forms.css';
import { F2fSession } from './F2fSession';
import { F2fSetupPicker } from './F2fSetupPicker';
import { f2fMessages } from './messages';
import type { Channel } from './model';
import { readSetup, sessionStore, writeSetup, type F2fSetup } from './setup';
import { useCampaign } from '../../components/useCampaign';

/** 面对面评议 (#/f2f): the most used screen; `resumeId` comes from #/draft/:id. */
export default function F2fScreen(props: ScreenProps & { resumeId?: string }) {
  const { session } = useApp();
  const t = useT(f2fMessages);
  const [setup, setSetupState] = useState<F2fSetup | undefined>(() => readSetup(sessionStore(), session.deviceId, session.campaign));
  const remember = (s: F2fSetup) => {
    writeSetup(sessionStore(), session.deviceId, session.campaign.id, s);
    setSetupState(s);
  };
  return (
    <div class="form-screen">
      <h1 id="form-title" class="form-title">
        {t('title')}
      </h1>
      <ResumeGate type="f2f" formName={t('form')} resumeId={props.resumeId}>
        {(draft) => <F2fStart draft={draft} setup={setup} onSetup={remember} />}
      </ResumeGate>
    </div>
  );
}

/** A resumed questionnaire brings its own unit and place; a new one needs the session's setup. */
function F2fStart(props: { draft: Draft | undefined; setup: F2fSetup | undefined; onSetup(s: F2fSetup): void }) {
  const { draft } = props;
  const fromDraft =
    draft && str(draft.body.unitId) && str(draft.body.channel) ? { unitId: str(draft.body.unitId), channel: str(draft.body.channel) as Channel } : undefined;
  const setup = fromDraft ?? props.setup;
  const campaign = useCampaign();
  if (!setup) return <F2fSetupPicker campaign={campaign} onDone={props.onSetup} />;
  return <F2fSession setup={setup} initial={draft} onSetup={props.onSetup} />;
}
