import { Component, type ComponentChildren } from 'preact';
import { useT } from '../../i18n';
import { Button, LinkButton } from '../Button';
import { SHELL } from './messages';
import { isQuotaProblem } from './problems';
import { StorageProblem } from './StorageProblem';

interface State {
  error?: unknown;
}

/**
 * Catches a screen's rendering errors so one broken screen does not blank the whole app; the
 * navigation stays usable around it. Keyed by route in the shell, so leaving the screen resets it.
 */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = {};

  static override getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    // Kept in the console for whoever debugs the tablet; the user sees plain words.
    console.error(error);
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    if (isQuotaProblem(this.state.error)) return <StorageProblem kind="full" onRetry={() => this.setState({ error: undefined })} />;
    return <ScreenError />;
  }
}

/** An unexpected failure, in plain words, with the way out. */
export function ScreenError() {
  const t = useT(SHELL);
  return <ProblemScreen title={t('errorTitle')} body={t('errorBody')} what={t('errorWhat')} action={t('reload')} onAction={() => location.reload()} />;
}

/** A screen that cannot be shown: what happened, what to do, a first way out (`action`) and home. */
export function ProblemScreen(props: { title: string; body: string; what: string; action: string; onAction(): void }) {
  const t = useT(SHELL);
  return (
    <section class="problem" role="alert">
      <div class="problem-card">
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        <p>
          <strong>{props.what}</strong>
        </p>
        <div class="row">
          <Button variant="primary" size="large" onClick={props.onAction}>
            {props.action}
          </Button>
          <LinkButton href="#/" size="large">
            {t('backHome')}
          </LinkButton>
        </div>
      </div>
    </section>
  );
}
