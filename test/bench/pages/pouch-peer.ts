import PouchDB from 'pouchdb-browser';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { chainRecords } from './fixtures';

// The peer: PouchDB on IndexedDB replicating the same questionnaires, one document per record
// (the wire record plus its hash), to express-pouchdb over loopback. Loading the local database is
// set-up; only the replication is timed.

async function benchPouchReplicate(run: number, n: number, remoteUrl: string): Promise<number> {
  const docs = chainRecords({ campaign: DEMO_CAMPAIGN, deviceId: 'peer', collector: 'bench', count: n, seed: run + 1 }).map(({ record, hash }) => ({
    _id: record.id,
    hash,
    ...record,
  }));
  const local = new PouchDB(`peer-${run}-${Date.now()}`);
  for (let i = 0; i < docs.length; i += 1000) {
    const res = await local.bulkDocs(docs.slice(i, i + 1000));
    if (res.some((r) => r.error)) throw new Error('local load failed');
  }
  const t0 = performance.now();
  // The same batch size as a Pingyi batch (500 records), so both sides make about as many round trips.
  const result = await PouchDB.replicate(local, remoteUrl, { batch_size: 500 });
  const ms = performance.now() - t0;
  await local.destroy();
  if (!result.ok || result.docs_written !== n) throw new Error(`replicated ${result.docs_written} of ${n}`);
  const remote = await (await fetch(remoteUrl)).json();
  if (remote.doc_count !== n) throw new Error(`remote holds ${remote.doc_count} of ${n}`);
  return ms;
}

(window as unknown as Record<string, unknown>).benchPouchReplicate = benchPouchReplicate;

// The weak-network peer: the same day's documents (photos as attachments, stored as blobs by
// pouchdb-browser) loaded untimed, then replicated under the page's network emulation.

async function loadPouchDay(name: string, docs: Record<string, unknown>[]): Promise<void> {
  const res = await new PouchDB(name).bulkDocs(docs);
  if (res.some((r) => 'error' in r && r.error)) throw new Error('local load failed');
}

async function replicatePouchDay(name: string, remoteUrl: string, n: number): Promise<number> {
  const local = new PouchDB(name);
  const t0 = performance.now();
  // Pingyi's batches hold up to 200 records; PouchDB's default is 100.
  const result = await PouchDB.replicate(local, remoteUrl, { batch_size: 200 });
  const ms = performance.now() - t0;
  await local.destroy();
  if (!result.ok || result.docs_written !== n) throw new Error(`replicated ${result.docs_written} of ${n}`);
  return ms;
}

Object.assign(window, { loadPouchDay, replicatePouchDay });
