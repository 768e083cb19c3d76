import { useEffect, useState } from 'preact/hooks';
import type { Draft } from '../../store/db';
import { getDraft } from '../../store/drafts';
import { useApp, type ScreenProps } from '../context';
import { useT } from '../i18n';
import './common/forms.css';
import { common } from './common/messages';
import CorrectionScreen from './correct/CorrectionScreen';
import F2fScreen from './f2f/F2fScreen';
import FollowupScreen from './followup/FollowupScreen';
import ForumScreen from './forum/ForumScreen';
import StallScreen from './stall/StallScreen';
import VisitScreen from './visit/VisitScreen';

/** #/draft/:id — opens the form of that draft's type with the draft in it. */
export default function DraftScreen(props: ScreenProps) {
  const { db, session } = useApp();
  const t = useT(common);
  const id = props.params.id ?? '';
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getDraft(db, id).then((d) => live && setDraft(d ?? null));
    return () => {
      live = false;
    };
  }, [db, id]);

  if (draft === undefined) return <p class="form-screen form-loading">{t('loading')}</p>;
  const refusal = !draft
    ? t('draftMissing')
    : draft.campaignId !== session.campaign.id || draft.deviceId !== session.deviceId
      ? t('draftOtherCampaign', { campaign: draft.campaignId })
      : undefined;
  if (refusal || !draft) {
    return (
      <div class="form-screen">
        <p class="form-error" role="alert">
          {refusal}
        </p>
      </div>
    );
  }
  const params = {};
  switch (draft.type) {
    case 'f2f':
      return <F2fScreen params={params} resumeId={draft.id} />;
    case 'forum':
      return <ForumScreen params={params} resumeId={draft.id} />;
    case 'visit':
      return <VisitScreen params={params} resumeId={draft.id} />;
    case 'followup':
      return <FollowupScreen params={params} resumeId={draft.id} />;
    case 'stall':
      return <StallScreen params={params} resumeId={draft.id} />;
    case 'amend':
    case 'void':
      // A correction draft resumes by its target: the correction screen finds it there.
      return <CorrectionScreen params={{ hash: String(draft.body.targetHash ?? ''), action: draft.type }} />;
  }
}
