import expressPouchdb from 'express-pouchdb';
import PouchCore from 'pouchdb-core';
import PouchHttp from 'pouchdb-adapter-http';
import PouchMapReduce from 'pouchdb-mapreduce';
import PouchMemory from 'pouchdb-adapter-memory';
import PouchReplication from 'pouchdb-replication';
import type { BrowserContext } from 'playwright-core';
import { listen, openPage, pagesApp, repeat, type Figure } from './common';

/**
 * The PouchDB peer: pouchdb-browser (IndexedDB) in Chromium replicates n documents to express-pouchdb
 * backed by pouchdb-adapter-memory on loopback; the bench pages are served by the same server, so
 * the replication is same-origin like Pingyi's.
 */
/** The server side's PouchDB (memory adapter), made once: PouchDB's plugins install once per process. */
let serverPouch: ReturnType<typeof PouchCore.defaults> | undefined;
export function memoryPouch() {
  return (serverPouch ??= PouchCore.plugin(PouchHttp).plugin(PouchMapReduce).plugin(PouchReplication).plugin(PouchMemory).defaults({ adapter: 'memory' }));
}

export async function pouchReplicate(ctx: BrowserContext, pagesDir: string, n: number, runs: number): Promise<Figure> {
  const PouchDB = memoryPouch();
  const app = pagesApp(pagesDir);
  app.use('/db', expressPouchdb(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' }));
  const server = await listen(app);
  const page = await openPage(ctx, `${server.url}/pouch-peer.html`, 'benchPouchReplicate');
  try {
    return await repeat(runs, (run) =>
      page.evaluate(([r, count, url]) => (window as any).benchPouchReplicate(r, count, url), [run, n, `${server.url}/db/peer-${run}-${Date.now()}`] as const),
    );
  } finally {
    await page.close();
    await server.close();
  }
}
