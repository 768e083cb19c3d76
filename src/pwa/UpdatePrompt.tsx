import { useEffect, useState } from 'preact/hooks';
import { Banner } from '../ui/components/Banner';
import { Button } from '../ui/components/Button';
import { useT } from '../ui/i18n';
import { UPDATE } from './messages';
import type { UpdateService } from './updates';

type Phase = 'idle' | 'ready' | 'blocked' | 'updating' | 'active';

/**
 * "新版本可用": waits for the user, and never reloads while a form holds unsaved input. While a
 * form is dirty the waiting version is not even told to take over: the running page may still
 * need its own lazily loaded screens, which the new version's cache no longer holds.
 */
export interface UpdatePromptProps {
  updates: UpdateService;
  isDirty(): boolean;
  /** What was already known when the prompt was loaded. */
  initial?: 'ready' | 'active';
  reload?: () => void;
}

export function UpdatePrompt(props: UpdatePromptProps) {
  const t = useT(UPDATE);
  const { updates, isDirty } = props;
  const reload = props.reload ?? (() => location.reload());
  const [phase, setPhase] = useState<Phase>(props.initial ?? 'idle');
  const [dirtyNow, setDirtyNow] = useState(false);

  useEffect(() => {
    const offWaiting = updates.onWaiting(() => setPhase((p) => (p === 'idle' ? 'ready' : p)));
    const offExternal = updates.onExternalTakeover(() => setPhase('active'));
    return () => {
      offWaiting();
      offExternal();
    };
  }, [updates]);

  const update = async () => {
    if (isDirty()) {
      setPhase('blocked');
      return;
    }
    setPhase('updating');
    await updates.activate();
    // The form may have become dirty while the new version took over: then the user reloads later.
    if (isDirty()) {
      setDirtyNow(true);
      setPhase('active');
    } else reload();
  };
  const reloadIfClean = () => {
    const dirty = isDirty();
    setDirtyNow(dirty);
    if (!dirty) reload();
  };

  if (phase === 'idle') return null;
  if (phase === 'active') {
    return (
      <div class="update-prompt">
        <Banner
          tone="info"
          title={t('takenOver')}
          actions={
            <Button variant="primary" onClick={reloadIfClean}>
              {t('reload')}
            </Button>
          }
        >
          {dirtyNow || isDirty() ? t('takenOverBody') : t('takenOverClean')}
        </Banner>
      </div>
    );
  }
  return (
    <div class="update-prompt">
      <Banner
        tone={phase === 'blocked' ? 'warn' : 'info'}
        title={t('ready')}
        actions={
          <>
            <Button variant="primary" onClick={update} disabled={phase === 'updating'}>
              {phase === 'updating' ? t('updating') : t('updateNow')}
            </Button>
            <Button variant="quiet" onClick={() => setPhase('idle')} disabled={phase === 'updating'}>
              {t('later')}
            </Button>
          </>
        }
      >
        {phase === 'blocked' ? t('dirty') : t('readyBody')}
      </Banner>
    </div>
  );
}
