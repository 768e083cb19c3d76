/** The representatives' console pages, loaded together when one of them is first opened. */
export { DrawPage } from './DrawPage';
export { ProgressPage } from './ProgressPage';
export { RosterPage } from './RosterPage';
