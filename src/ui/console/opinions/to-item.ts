import type { Campaign } from '../../../domain/campaign';
import { TEXT_MAX } from '../../../domain/record-rules';
import type { OpinionRow } from '../api-types';
import type { ItemDraft } from '../rect/ItemForm';

/**
 * A rectification item's draft from the opinions the office chose (意见梳理 → 生成整改事项): their
 * unit when they all name the same one, their texts one a line as the problem (a finding by its
 * categories and severity only, even with the key unlocked: the unit reads the problem, and a covert
 * finding's description goes to a unit only as the office words it, as in the feedback pack), their
 * records' hashes as sources.
 * The office reads and edits it before saving.
 */
export function itemDraftOf(rows: readonly OpinionRow[], campaign: Campaign, sourceWord: (s: OpinionRow['source']) => string): ItemDraft & { units: string[] } {
  const units = [...new Set(rows.map((r) => r.unitId).filter((u): u is string => u !== null))];
  const line = (r: OpinionRow) => {
    if (r.text) return r.text;
    const categories = (r.category ?? '')
      .split(',')
      .filter(Boolean)
      .map((id) => campaign.findingCategories.find((c) => c.id === id)?.label ?? id);
    const severity = r.severity ? (campaign.severities.find((s) => s.id === r.severity)?.label ?? r.severity) : '';
    return [sourceWord(r.source), categories.join('、'), severity].filter(Boolean).join(' · ');
  };
  const lines = rows.map(line);
  let problem = lines.length === 1 ? lines[0]! : lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
  // Cut to what an item holds, never inside a surrogate pair (the server refuses a lone one).
  if (problem.length > TEXT_MAX) problem = problem.slice(0, TEXT_MAX).replace(/[\uD800-\uDBFF]$/, '');
  return { units, ...(units.length === 1 ? { unitId: units[0] } : {}), problem, sources: [...new Set(rows.map((r) => r.hash))] };
}
