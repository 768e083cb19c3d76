import { countRows } from '../../src/server/office/dense-counts';
import { campaign100 } from './measure-tally';
const c = campaign100();
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const levels = c.scale.map((l) => l.key);
const rows = Array.from({ length: 200000 }, () => ({ unit_id: pick(c.units).id, rater_group: pick(c.raterGroups).id, overall: pick(levels), ratings: JSON.stringify(Object.fromEntries(c.dimensions.map((d) => [d.id, pick(levels)]))), n: 1 }));
const cpu = (f: () => void) => { const s = process.cpuUsage(); f(); const d = process.cpuUsage(s); return ((d.user + d.system) / 1000).toFixed(0); };
for (let i = 0; i < 4; i++) {
  console.log('dense cpu', cpu(() => countRows(c, rows)), 'parse cpu', cpu(() => { for (const r of rows) JSON.parse(r.ratings); }));
}
