import type { Campaign, Unit } from '../../../domain/campaign';

/**
 * Units from a column pasted out of Excel: one unit a line, `名称` or `名称<Tab>类别` (a second
 * column), blank lines and names already in the campaign skipped. New units get ids `u1`, `u2` …
 * not used yet (ids never change once records name them).
 */
export function unitsFromPaste(text: string, campaign: Pick<Campaign, 'units'>, category = ''): Unit[] {
  const names = new Set(campaign.units.map((u) => u.name));
  const ids = new Set(campaign.units.map((u) => u.id));
  let n = 0;
  const nextId = () => {
    do n++;
    while (ids.has(`u${n}`));
    ids.add(`u${n}`);
    return `u${n}`;
  };
  const out: Unit[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [rawName = '', rawCategory] = line.split('\t');
    const name = rawName.trim().slice(0, 200);
    if (!name || names.has(name)) continue;
    names.add(name);
    out.push({ id: nextId(), name, category: (rawCategory ?? category).trim().slice(0, 200) });
  }
  return out;
}
