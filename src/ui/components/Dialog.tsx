import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A modal dialog: focus moves into it, Escape closes it. A plain overlay rather than <dialog>,
 * whose showModal() some tablet browsers still lack.
 */
export function Dialog(props: { title: string; onClose(): void; children: ComponentChildren; actions: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div class="dialog-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" tabIndex={-1} ref={box}>
        <h2 id="dialog-title" class="dialog-title">
          {props.title}
        </h2>
        <div class="dialog-body">{props.children}</div>
        <div class="dialog-actions">{props.actions}</div>
      </div>
    </div>
  );
}
