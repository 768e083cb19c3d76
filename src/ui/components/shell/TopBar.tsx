import { useT } from '../../i18n';
import { Icon } from '../icons';
import { SHELL } from './messages';
import { useOnline } from './useOnline';

/** Campaign name, practice or live mode, and whether a network is there: always in view. */
export function TopBar(props: { campaignName: string; practice: boolean }) {
  const t = useT(SHELL);
  const online = useOnline();
  return (
    <header class="topbar">
      <a class="topbar-brand" href="#/">
        <img src="/icons/icon.svg" alt="" width={36} height={36} />
        <span class="topbar-app">{t('appName')}</span>
      </a>
      <span class="topbar-campaign" title={props.campaignName}>
        {props.campaignName}
      </span>
      <span class="topbar-status">
        <span class={`badge ${props.practice ? 'badge-practice' : 'badge-real'}`} title={props.practice ? t('practiceHint') : undefined}>
          {props.practice ? t('practice') : t('real')}
        </span>
        <span class={`net ${online ? 'net-on' : 'net-off'}`} title={online ? undefined : t('offlineHint')} role="status">
          <Icon name={online ? 'online' : 'offline'} size={22} />
          {online ? t('online') : t('offline')}
        </span>
      </span>
    </header>
  );
}
