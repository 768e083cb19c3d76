import { useT } from '../../i18n';
import { Icon, type IconName } from '../icons';
import { TYPE_NAMES } from '../recordTypes';
import { SHELL } from './messages';

interface Item {
  path: string;
  icon: IconName;
  label: string;
}

/** Whether a nav item is the current section (`/records/…` is inside Records). */
export function isCurrent(itemPath: string, path: string): boolean {
  return itemPath === '/' ? path === '/' : path === itemPath || path.startsWith(`${itemPath}/`);
}

/** The eight sections: a side rail in landscape, a bottom bar in portrait (theme.css). */
export function NavBar(props: { path: string }) {
  const t = useT(SHELL);
  const types = useT(TYPE_NAMES);
  const items: Item[] = [
    { path: '/', icon: 'home', label: t('home') },
    { path: '/f2f', icon: 'f2f', label: types('f2f') },
    { path: '/forum', icon: 'forum', label: types('forum') },
    { path: '/visit', icon: 'visit', label: types('visit') },
    { path: '/stall', icon: 'stall', label: types('stall') },
    { path: '/records', icon: 'records', label: t('records') },
    { path: '/sync', icon: 'sync', label: t('sync') },
    { path: '/settings', icon: 'settings', label: t('settings') },
  ];
  return (
    <nav class="nav" aria-label={t('navLabel')}>
      {items.map((it) => (
        <a key={it.path} class="nav-item" href={`#${it.path}`} aria-current={isCurrent(it.path, props.path) ? 'page' : undefined}>
          <Icon name={it.icon} size={28} />
          <span class="nav-label">{it.label}</span>
        </a>
      ))}
    </nav>
  );
}
