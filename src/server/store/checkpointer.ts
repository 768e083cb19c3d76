import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints for the server's SQLite store on a worker thread with its own connection.
 *
 * SQLite copies the pages of the write-ahead log back into the database file (a checkpoint) from
 * inside the commit that takes the log over `wal_autocheckpoint` pages: a batch now and then
 * waited for a few thousand page writes and an fsync of the database file before its receipt.
 * Here the server's connection nudges the worker after each write transaction and the worker runs
 * a PASSIVE checkpoint, which never blocks the writer, at most one every CHECKPOINT_GAP_MS. Durability is unchanged: every commit still
 * reaches the disk in the log (synchronous=FULL) before its answer; a checkpoint only moves
 * committed pages, and syncs the database file before the log is reused.
 */
export interface Checkpointer {
  /** Called after each committed write: asks for a checkpoint (at most one runs, one waits). */
  committed(): void;
  /** Stops the worker after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Checkpoints begin at most this often. Commits in between add to the log, and the next checkpoint
 * moves their pages at once: a page that several commits wrote (a table's last page, an index
 * page, the log's state) is copied and the database file synced once, not once per commit.
 */
export const CHECKPOINT_GAP_MS = 250;

/** The worker's code (CommonJS, evaluated): one connection, one PASSIVE checkpoint per request. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy database: the next request tries again (and the server's own autocheckpoint remains).
  }
  parentPort.postMessage('done');
});
`;

/**
 * Starts the checkpoint worker for a SQLite file in WAL mode. `onFailure` runs once if the worker
 * fails or exits before `stop`, so that the caller can hand checkpoints back to its own connection.
 */
export function startCheckpointer(file: string, onFailure: (e: Error) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
  worker.unref();
  let running = false;
  let wanted = false;
  let alive = true;
  const fail = (e: Error) => {
    if (!alive) return;
    alive = false;
    onFailure(e);
  };
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(new Error(`the worker exited with code ${code}`));
      resolve();
    }),
  );
  let startedAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const request = () => {
    timer = undefined;
    if (!alive) return;
    running = true;
    wanted = false;
    startedAt = performance.now();
    worker.postMessage('checkpoint');
  };
  /** The next checkpoint, at least CHECKPOINT_GAP_MS after the last one began. */
  const schedule = () => {
    const wait = startedAt + CHECKPOINT_GAP_MS - performance.now();
    if (wait <= 0) request();
    else if (!timer) {
      timer = setTimeout(request, wait);
      timer.unref();
    }
  };
  worker.on('message', () => {
    running = false;
    if (wanted && alive) schedule();
  });
  worker.on('error', fail);
  return {
    committed() {
      if (!alive) return;
      if (running || timer) wanted = true;
      else schedule();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (alive) {
        alive = false;
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
