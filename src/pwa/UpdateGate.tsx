import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UpdatePromptProps } from './UpdatePrompt';
import type { UpdateService } from './updates';

/**
 * Loads the update prompt only once an update is there, so the first visit does not carry it;
 * until then it just listens. What it heard is handed on, so nothing is missed while it loads.
 */
export function UpdateGate(props: { updates: UpdateService; isDirty(): boolean }) {
  const [initial, setInitial] = useState<'ready' | 'active'>();
  const [Prompt, setPrompt] = useState<ComponentType<UpdatePromptProps>>();
  const { updates } = props;

  useEffect(() => {
    const offWaiting = updates.onWaiting(() => setInitial((p) => p ?? 'ready'));
    const offExternal = updates.onExternalTakeover(() => setInitial('active'));
    return () => {
      offWaiting();
      offExternal();
    };
  }, [updates]);

  useEffect(() => {
    if (!initial || Prompt) return;
    import('./UpdatePrompt').then(
      (m) => setPrompt(() => m.UpdatePrompt),
      (e: unknown) => console.error(e),
    );
  }, [initial, Prompt]);

  return initial && Prompt ? <Prompt updates={updates} isDirty={props.isDirty} initial={initial} /> : null;
}
