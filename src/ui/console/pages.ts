import type { PersonRole } from './api-types';
import type { ShellKey } from './messages';

/**
 * The console's pages, in menu order, and who may open each (src/domain/DOMAIN.md: coordinators see the field side).
 * A unit account has none of them: it gets its own console (rect/UnitConsole.tsx).
 */
export const PAGES = [
  { id: 'devices', label: 'navDevices', roles: ['office-admin', 'coordinator'] },
  { id: 'records', label: 'navRecords', roles: ['office-admin'] },
  { id: 'findings', label: 'navFindings', roles: ['office-admin'] },
  { id: 'opinions', label: 'navOpinions', roles: ['office-admin'] },
  { id: 'tally', label: 'navTally', roles: ['office-admin'] },
  { id: 'review', label: 'navReview', roles: ['office-admin'] },
  { id: 'rect', label: 'navRect', roles: ['office-admin', 'coordinator'] },
  { id: 'quality', label: 'navQuality', roles: ['office-admin', 'coordinator'] },
  { id: 'progress', label: 'navProgress', roles: ['office-admin', 'coordinator'] },
  { id: 'roster', label: 'navRoster', roles: ['office-admin'] },
  { id: 'draw', label: 'navDraw', roles: ['office-admin'] },
  { id: 'exports', label: 'navExports', roles: ['office-admin'] },
  { id: 'setup', label: 'navSetup', roles: ['office-admin'] },
  { id: 'actions', label: 'navActions', roles: ['office-admin'] },
] as const satisfies readonly { id: string; label: ShellKey; roles: readonly PersonRole[] }[];

export type PageId = (typeof PAGES)[number]['id'];

export function pagesFor(role: PersonRole): PageId[] {
  return PAGES.filter((p) => (p.roles as readonly PersonRole[]).includes(role)).map((p) => p.id);
}

/** The page named by a hash such as '#/console/tally', or null for '#/console' and unknown names. */
export function pageOfHash(hash: string): PageId | null {
  const m = /^#\/console\/([a-z]+)/.exec(hash);
  const id = m?.[1];
  return PAGES.some((p) => p.id === id) ? (id as PageId) : null;
}
