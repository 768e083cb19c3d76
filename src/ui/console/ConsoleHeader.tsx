import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';
import { shellMessages } from './messages';
import { Button, CampaignSelect, LangSelect } from './ui';

/**
 * The console's header bar, for the office's console and a unit account's alike: the brand, the
 * campaign picker (shown when there is a choice to make), the language, who is signed in and the
 * sign-out button.
 */
export function ConsoleHeader(props: {
  campaigns: { id: string; name: string }[] | null;
  campaignId: string | null;
  onCampaign(id: string): void;
  /** The picker shows when there are more campaigns than this (the office sees even a single one). */
  pickerAbove: number;
  who: string;
  onSignOut(): void;
  /** Before the language picker (the office admin's disk space). */
  children?: ComponentChildren;
}) {
  const t = useT(shellMessages);
  const { campaigns } = props;
  return (
    <header class="c-header">
      <strong class="c-brand">{t('title')}</strong>
      {campaigns && campaigns.length > props.pickerAbove && (
        <label class="c-inline">
          <span>{t('campaign')}</span>
          <CampaignSelect campaigns={campaigns} value={props.campaignId} onChange={props.onCampaign} />
        </label>
      )}
      <span class="c-spacer" />
      {props.children}
      <LangSelect />
      <span class="c-who" data-testid="who" title={props.who}>
        {props.who}
      </span>
      <Button onClick={props.onSignOut}>{t('signOut')}</Button>
    </header>
  );
}
