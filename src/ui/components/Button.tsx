import type { ComponentChildren, JSX } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface CommonProps {
  variant?: ButtonVariant;
  /** 'large' for the main action of a screen; every size keeps a ≥ 48px touch target. */
  size?: 'normal' | 'large';
  block?: boolean;
  children: ComponentChildren;
}

function classes(p: CommonProps, extra?: string): string {
  return ['btn', `btn-${p.variant ?? 'secondary'}`, p.size === 'large' ? 'btn-large' : '', p.block ? 'btn-block' : '', extra ?? ''].filter(Boolean).join(' ');
}

type ButtonProps = CommonProps & Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'size' | 'type'> & { type?: 'button' | 'submit' };

/** A button: a real <button>, type="button" unless it submits a form. */
export function Button({ variant, size, block, children, class: cls, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} class={classes({ variant, size, block, children }, cls as string | undefined)} {...rest}>
      {children}
    </button>
  );
}

type LinkButtonProps = CommonProps & Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'size'> & { href: string };

/** A link that looks like a button (navigation: keeps "open in new tab" and the back button working). */
export function LinkButton({ variant, size, block, children, class: cls, ...rest }: LinkButtonProps) {
  return (
    <a class={classes({ variant, size, block, children }, cls as string | undefined)} {...rest}>
      {children}
    </a>
  );
}
