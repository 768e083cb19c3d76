import type { CampaignChange } from '../../../domain/campaign-diff';
import { useLang } from './useLang';
import { changeText } from '../../campaign/changeWords';

/** Changes between two versions, each in words. */
export function ChangeList({ changes, testId }: { changes: CampaignChange[]; testId?: string }) {
  const lang = useLang();
  return (
    <ul class="c-changes" data-testid={testId}>
      {changes.map((c, i) => (
        <li key={i}>{changeText(c, lang)}</li>
      ))}
    </ul>
  );
}
