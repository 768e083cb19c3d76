import type { Campaign } from '../../domain/campaign';
import { addOverall, addRating, emptyAggregate, type Aggregate } from '../../domain/scoring';

/** A row of f2f_effective (or several equal ones, `n` of them, when grouped in SQL). */
export interface AnswerRow {
  unit_id: string;
  rater_group: string;
  overall: string;
  ratings: string;
  n?: number | string | bigint;
}

/** Counts f2f_effective rows into the tally's aggregate, all of them at once (see rowCounter). */
export function countRows(campaign: Campaign, rows: Iterable<AnswerRow>): Aggregate {
  const counter = rowCounter(campaign);
  for (const r of rows) counter.add(r);
  return counter.aggregate();
}

/** Takes rows one at a time (a page of them at a time, say) and gives the aggregate when asked. */
export interface RowCounter {
  add(row: AnswerRow): void;
  /** The aggregate of every row added; call it once, after the last. */
  aggregate(): Aggregate;
}

/**
 * Counts f2f_effective rows into the tally's aggregate as they come, so a caller can read them a
 * page at a time: memory is the campaign's cells, whatever the number of rows. The hot loop works
 * on a dense array indexed by the campaign's units, groups, dimensions and levels (a few Map lookups
 * per row instead of nested Map updates), and only the non-zero cells become the Aggregate at the
 * end. Ids the campaign no longer knows fall back to the general path, so nothing is lost. The
 * counts are integers, so the result does not depend on how the rows were split into pages.
 */
export function rowCounter(campaign: Campaign): RowCounter {
  const index = (ids: string[]) => new Map(ids.map((id, i) => [id, i]));
  const units = index(campaign.units.map((u) => u.id));
  const groups = index(campaign.raterGroups.map((g) => g.id));
  const dims = index(campaign.dimensions.map((d) => d.id));
  const levels = index(campaign.scale.map((l) => l.key));
  const L = levels.size;
  const D = dims.size + 1; // slot 0: overall
  const G = groups.size;
  const cells = new Float64Array(units.size * G * D * L);
  const agg = emptyAggregate();
  // `"dimension":"level"` → offset within a unit × group block. f2f_effective keeps ratings as
  // JSON.stringify text, so splitting at commas and looking each pair up skips JSON.parse (the
  // bulk of the cost at 200,000 rows); any text of another form goes through JSON.parse.
  const pairs = new Map<string, number>();
  for (const [dimId, d] of dims) for (const [key, l] of levels) pairs.set(JSON.stringify(dimId) + ':' + JSON.stringify(key), (d + 1) * L + l);
  const offsets: number[] = [];
  const fastPairs = (text: string): boolean => {
    offsets.length = 0;
    if (text.length < 2 || text[0] !== '{' || text[text.length - 1] !== '}') return false;
    for (const pair of text.slice(1, -1).split(',')) {
      const at = pairs.get(pair);
      if (at === undefined) return false;
      offsets.push(at);
    }
    return true;
  };

  const add = (r: AnswerRow): void => {
    const n = r.n === undefined ? 1 : Number(r.n);
    const u = units.get(r.unit_id);
    const g = groups.get(r.rater_group);
    if (u === undefined || g === undefined) {
      const ratings = JSON.parse(r.ratings) as Record<string, string>;
      addOverall(agg, r.unit_id, r.rater_group, r.overall, n);
      for (const dim in ratings) addRating(agg, r.unit_id, r.rater_group, dim, ratings[dim]!, n);
      return;
    }
    const base = (u * G + g) * D * L;
    const o = levels.get(r.overall);
    if (o === undefined) addOverall(agg, r.unit_id, r.rater_group, r.overall, n);
    else cells[base + o] += n;
    if (fastPairs(r.ratings)) {
      for (const at of offsets) cells[base + at] += n;
      return;
    }
    const ratings = JSON.parse(r.ratings) as Record<string, string>;
    for (const dim in ratings) {
      const level = ratings[dim]!;
      const d = dims.get(dim);
      const l = levels.get(level);
      if (d === undefined || l === undefined) addRating(agg, r.unit_id, r.rater_group, dim, level, n);
      else cells[base + (d + 1) * L + l] += n;
    }
  };

  const aggregate = (): Aggregate => {
    for (const [unitId, u] of units) {
      for (const [groupId, g] of groups) {
        const base = (u * G + g) * D * L;
        for (const [key, l] of levels) {
          const n = cells[base + l]!;
          if (n > 0) addOverall(agg, unitId, groupId, key, n);
        }
        for (const [dimId, d] of dims) {
          for (const [key, l] of levels) {
            const n = cells[base + (d + 1) * L + l]!;
            if (n > 0) addRating(agg, unitId, groupId, dimId, key, n);
          }
        }
      }
    }
    return agg;
  };
  return { add, aggregate };
}
