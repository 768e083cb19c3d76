/**
 * Ranks by total, highest first (src/domain/DOMAIN.md Scoring 5). Totals equal to 2 decimals
 * (Math.round(total × 100)) share a rank and the next rank is skipped: 1, 2, 2, 4. Entries marked
 * `unranked` (vetoed, retired, too few questionnaires) come after the ranked ones, then entries
 * without a total, all with rank null. The sort is stable, so ties and unranked entries keep their
 * input (campaign) order.
 */
export function rankByTotal<T extends { total: number | null; unranked?: boolean }>(entries: readonly T[]): (T & { rank: number | null })[] {
  const ranked = entries.filter((e) => e.total !== null && !e.unranked);
  const key = (e: T) => Math.round(e.total! * 100);
  ranked.sort((a, b) => key(b) - key(a));
  let rank = 0;
  const out = ranked.map((e, i) => {
    if (i === 0 || key(e) !== key(ranked[i - 1]!)) rank = i + 1;
    return { ...e, rank };
  });
  const unranked = (e: T) => ({ ...e, rank: null });
  return [...out, ...entries.filter((e) => e.total !== null && e.unranked).map(unranked), ...entries.filter((e) => e.total === null).map(unranked)];
}
