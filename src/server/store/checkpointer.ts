import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the SQLite WAL from a worker thread with its own connection, so that copying the
 * log into the database file (and its fsync) never runs inside a batch's commit on the main
 * thread. PASSIVE checkpoints wait for no reader or writer. The main connection turns its own
 * automatic checkpoints off while this runs, and back on if the worker dies.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  /** Final checkpoint, then the worker's connection closes. */
  close(): Promise<void>;
}

export function startCheckpointer(file: string, onFailure: (why: string) => void, intervalMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs } });
  let closing = false;
  worker.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'error' in m) onFailure(String((m as { error: unknown }).error));
  });
  worker.on('error', (e) => onFailure(e.message));
  worker.on('exit', (code) => {
    if (!closing) onFailure(`checkpoint worker exited with code ${code}`);
  });
  worker.unref();
  return {
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (m) => m === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
