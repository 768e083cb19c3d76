import type { OpinionRow } from '../api-types';

/** What the page narrows the list to; '' is any. `tag` may be 'untagged'. */
export interface OpinionFilter {
  unitId: string;
  source: string;
  dimensionId: string;
  tag: string;
}

export const NO_FILTER: OpinionFilter = { unitId: '', source: '', dimensionId: '', tag: '' };

/** The rows that pass the filter, by unit, dimension and source, then time (the 归纳 order). */
export function sortAndFilter(rows: OpinionRow[], f: OpinionFilter, unitOrder: string[], dimensionOrder: string[]): OpinionRow[] {
  const pos = (list: string[], id: string | null) => (id === null ? list.length : list.indexOf(id) === -1 ? list.length : list.indexOf(id));
  const sources = ['comment', 'forum', 'stall', 'finding'];
  return rows
    .filter(
      (r) =>
        (!f.unitId || (r.unitId ?? '-') === f.unitId) &&
        (!f.source || r.source === f.source) &&
        (!f.dimensionId || (r.dimensionId ?? '-') === f.dimensionId) &&
        (!f.tag || (f.tag === 'untagged' ? r.tags.length === 0 : (r.tags as string[]).includes(f.tag))),
    )
    .sort(
      (a, b) =>
        pos(unitOrder, a.unitId) - pos(unitOrder, b.unitId) ||
        pos(dimensionOrder, a.dimensionId) - pos(dimensionOrder, b.dimensionId) ||
        sources.indexOf(a.source) - sources.indexOf(b.source) ||
        a.at.localeCompare(b.at),
    );
}
