import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openStore } from '../../src/server/store/kysely-store';
import { loadServerSigner } from '../../src/server/secrets';
import { cutExport, jsonlExport } from '../../src/server/office/export-jsonl';
import { csvExport } from '../../src/server/office/export-files';
const store = await openStore({ kind: 'sqlite', file: '/tmp/pingyi-200k/copy.sqlite' });
const { signer } = await loadServerSigner('/tmp/pingyi-200k');
const db = store.db.withTables<any>();
const campaign = (await store.getCampaign('bench100'))!;
for (const [name, make] of [['jsonl', async () => jsonlExport(db, signer, (await cutExport(db, signer, 'bench100', new Date().toISOString()))!)], ['csv', async () => csvExport(db, campaign, (await store.logHead()).size)]] as const) {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0, bytes = 0, n = 0;
  // A slow reader: 1 ms per chunk, so backpressure must hold the producer back.
  const sink = new Writable({ highWaterMark: 64 * 1024, write(chunk, _e, cb) { bytes += chunk.length; if (++n % 50 === 0) { global.gc?.(); peak = Math.max(peak, process.memoryUsage().heapUsed - base); } setTimeout(cb, 1); } });
  await pipeline(Readable.from(await make()), sink);
  console.log(name, 'MB out', (bytes / 1e6).toFixed(0), 'peak heap growth MB', (peak / 1e6).toFixed(1));
}
await store.close();
