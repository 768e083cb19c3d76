import { verifyExportFile } from '../../src/server/office/verify/index';
const t = performance.now();
const c0 = process.cpuUsage();
const r = await verifyExportFile('/tmp/pingyi-200k/export.jsonl');
const c = process.cpuUsage(c0);
console.log(r.map((x) => `${x.name}:${x.ok}:${x.problems.slice(0,2).join('|')}`).join('\n'));
console.log('wall', performance.now() - t, 'cpu', (c.user + c.system) / 1000, 'rss', process.memoryUsage().rss / 1e6);
