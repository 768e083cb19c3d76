import { useT } from '../../i18n';
import { Button } from '../Button';
import { Icon } from '../icons';
import { SHELL } from './messages';
import type { StorageProblemKind } from './problems';

const TEXT = {
  unavailable: ['unavailableTitle', 'unavailableBody', 'unavailableSafe', 'unavailableWhat'],
  full: ['fullTitle', 'fullBody', 'fullSafe', 'fullWhat'],
  newer: ['newerTitle', 'newerBody', 'newerSafe', 'newerWhat'],
  upgraded: ['upgradedTitle', 'upgradedBody', 'upgradedSafe', 'upgradedWhat'],
} as const;

/**
 * A whole-screen explanation of a storage failure: what happened, that nothing saved was lost,
 * and what to do. Shown instead of a blank screen when the app cannot open its database.
 */
export function StorageProblem(props: { kind: StorageProblemKind; onRetry(): void }) {
  const t = useT(SHELL);
  const [title, body, safe, what] = TEXT[props.kind];
  return (
    <main class="problem" role="alert">
      <div class="problem-card">
        <Icon name="storage" size={48} class="problem-icon" />
        <h1>{t(title)}</h1>
        <p>{t(body)}</p>
        <p class="problem-safe">{t(safe)}</p>
        <p>
          <strong>{t(what)}</strong>
        </p>
        <Button variant="primary" size="large" onClick={props.onRetry}>
          {props.kind === 'unavailable' ? t('retry') : t('reload')}
        </Button>
      </div>
    </main>
  );
}
