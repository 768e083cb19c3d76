import type { Campaign } from '../../../domain/campaign';
import { Dialog } from '../../components/Dialog';
import { BodyFields } from '../../screens/records/BodyFields';
import { useT } from '../../i18n';
import type { Body } from './body';
import { common } from './messages';

/** A last look at the answers before they are sealed, where the campaign asks for one (`ui.reviewBeforeSeal`). */
export function ReviewDialog(props: { type: string; body: Body; campaign: Campaign; onConfirm(): void; onBack(): void }) {
  const t = useT(common);
  return (
    <Dialog
      title={t('reviewTitle')}
      onClose={props.onBack}
      actions={
        <>
          <button type="button" class="btn btn-secondary btn-large" onClick={props.onBack}>
            {t('reviewBack')}
          </button>
          <button type="button" class="btn btn-primary btn-large" onClick={props.onConfirm} data-testid="review-confirm">
            {t('reviewConfirm')}
          </button>
        </>
      }
    >
      <div class="review-body" data-testid="review">
        <BodyFields type={props.type} body={props.body} campaign={props.campaign} />
      </div>
    </Dialog>
  );
}
