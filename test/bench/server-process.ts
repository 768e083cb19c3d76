import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestServer } from '../e2e/harness';
import { ROOT } from './common';
import { adminCall } from '../admin-call';
import { buildServer } from '../../src/server/build.mjs';

export interface ServerProcess extends TestServer {
  child: ChildProcess;
  /** From the spawn to the server's "listening at" line, in ms. */
  startMs: number;
  /** With `traceGc`: the server's garbage collections as V8 reported them, each when its line arrived. */
  gc: GcEvent[];
}

/** One collection of the server's main heap (V8's --trace-gc-nvp line). */
export interface GcEvent {
  /** performance.now() in this process when the line arrived (right after the pause). */
  at: number;
  /** `s` a young-generation collection (scavenge), `mc`/`ms` a full one. */
  kind: string;
  pauseMs: number;
  /** Bytes of the young generation that survived it (scavenges). */
  survivedBytes: number;
}

/** A --trace-gc-nvp line's collection, or undefined for any other line. */
function parseGcLine(line: string, at: number): GcEvent | undefined {
  const kind = /\bgc=(\w+)/.exec(line)?.[1];
  const pause = /\bpause=([\d.]+)/.exec(line)?.[1];
  if (!kind || !pause) return undefined;
  return { at, kind, pauseMs: Number(pause), survivedBytes: Number(/\bnew_space_survived=(\d+)/.exec(line)?.[1] ?? 0) };
}

/**
 * The real server as `npm run serve` runs it, with its node options: the compiled dist-server/server/main.js (built here
 * from the current source first, in a fraction of a second) in its own Node process, with a
 * scratch data directory and its production settings. Benchmarks time it from outside, so the
 * bench's own work (the browser driver, its polling) never runs on the server's event loop.
 * `env` adds to the environment (DATABASE_URL, PINGYI_STATIC_DIR …); `nodeArgs` go to node
 * (--cpu-prof to profile the server).
 */
export async function spawnServer(o: { env?: Record<string, string>; nodeArgs?: string[]; traceGc?: boolean } = {}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingyi-bench-server-'));
  const adminToken = randomBytes(24).toString('base64url');
  await buildServer();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...serveNodeOptions(), ...(o.traceGc ? ['--trace-gc-nvp'] : []), ...(o.nodeArgs ?? []), SERVER_SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PINGYI_DATA_DIR: dataDir,
      PINGYI_ADMIN_TOKEN: adminToken,
      PINGYI_LOG_LEVEL: 'warn',
      PINGYI_RATE_ENROLL: '1000',
      PINGYI_RATE_ADMIN: '100000',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const gc: GcEvent[] = [];
  if (o.traceGc) {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      const at = performance.now();
      for (const line of lines) {
        const e = parseGcLine(line, at);
        if (e) gc.push(e);
      }
    });
  }
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${out}`)));
    });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const startMs = performance.now() - spawnedAt;
  return {
    url,
    startMs,
    adminToken,
    dataDir,
    child,
    gc,
    admin: adminCall(url, adminToken),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const SERVER_SCRIPT = 'dist-server/server/main.js';

/** The node options of `npm run serve` (package.json's script), so the bench starts the server as production does. */
function serveNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.serve!.trim().split(/\s+/);
  const end = words.indexOf(SERVER_SCRIPT);
  if (words[0] !== 'node' || end < 0) throw new Error(`package.json's serve script is not "node [options] ${SERVER_SCRIPT}": ${pkg.scripts.serve}`);
  return words.slice(1, end);
}

/** CPU seconds (user + system) a process has used so far; undefined where /proc is missing. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}
