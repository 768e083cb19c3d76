import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../src/domain/ids';
import type { UnsealedRecord } from '../../src/domain/records';
import { chainRecords, signBatch, signEnrollment, type DeviceKey } from '../../src/protocol/build';
import { ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, parsePublicJwk } from '../../src/protocol/keys';
import { cpuSeconds, spawnServer, type GcEvent, type ServerProcess } from './server-process';

export interface IngestBenchOptions {
  store: 'sqlite' | 'postgres';
  records: number;
  /** Records per batch (default 500, the protocol's maximum). */
  batchSize?: number;
  /** PostgreSQL server to create a scratch database on (default postgres://postgres@127.0.0.1:5432/postgres). */
  pgUrl?: string;
  /** Extra node options for the server process (e.g. --cpu-prof to profile it). */
  serverNodeArgs?: string[];
  /**
   * 'held' (default): one device sends every record, sealed 1 ms apart on one day, so the holds
   * hold all but the first 200 (the daily cap) and the burst limit the rest. 'spread': a day's end
   * as the field sends it, every record within the limits: many devices, each a day's work of
   * SPREAD_PER_DEVICE questionnaires sealed 34 s apart (no 10 within 5 minutes) in one batch, four
   * devices sending at once.
   */
  workload?: 'held' | 'spread';
  /**
   * Records another device sends first, untimed (default 5,000; 0 for none): a server runs for days,
   * and its first batches after start run before the JIT has compiled the ingest path (the first
   * ten batches took 2-4 times as long as the later ones). Their own rate is returned as well.
   */
  warmup?: number;
  /** Starts the server with V8's collection trace and returns its collections in the timed part. */
  traceGc?: boolean;
}

/** The server's collections during the timed part of a run (traceGc). */
export interface IngestGc {
  scavenges: number;
  scavengeMs: number;
  /** Mean bytes of the young generation surviving a scavenge: what was still referenced then. */
  survivedBytes: number;
  fullCollections: number;
  fullMs: number;
}

/**
 * Questionnaires per device in the spread workload: as many as fit, 34 s apart, between 10 minutes
 * before enrollment (the earliest createdAt the server takes) and 10 minutes after it (the latest
 * sealedAt), each interview at most two minutes.
 */
export const SPREAD_PER_DEVICE = 30;
const SPREAD_GAP_MS = 34_000;
const SPREAD_DEVICES_AT_ONCE = 4;

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgAdmin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * The bench's HTTP client: node:http over one kept-alive connection per lane, the body already
 * UTF-8 bytes. (Node's fetch encodes a string body on every call, 4–5 ms for a batch of 500 with
 * Chinese text: the tablet's work, which the timer must not count as the server's.)
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(url: string, body: string | Uint8Array): Promise<Record<string, any>> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': bytes.byteLength } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          const answer = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, any>;
          if (res.statusCode! >= 300) reject(new Error(`${url}: ${res.statusCode} ${JSON.stringify(answer)}`));
          else resolve(answer);
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** When each questionnaire k (from 1) was sealed, and how long its interview took. */
interface Timing {
  sealedAt: (k: number) => number;
  durationMs: (k: number) => number;
}

/**
 * Sealed 1 ms apart from just after enrollment, each created its durationMs (+ 0.5 s) before its
 * seal: the server takes createdAt from 10 minutes before enrollment and sealedAt up to 10 minutes
 * after its own time, and durationMs no longer than sealedAt − createdAt.
 */
function heldTiming(): Timing {
  const t0 = Date.now();
  return { sealedAt: (k) => t0 + k, durationMs: (k) => 60_000 + (k % 300) * 1000 };
}

/** SPREAD_PER_DEVICE questionnaires 34 s apart, from 8 minutes before `enrolledBy` (a time after the enrollment). */
function spreadTiming(enrolledBy: number): Timing {
  const first = enrolledBy - 10 * 60_000 + 2 * 60_000 + 1000;
  return { sealedAt: (k) => first + (k - 1) * SPREAD_GAP_MS, durationMs: (k) => 60_000 + (k % 60) * 1000 };
}

/** Batches of varied questionnaires from one device, serialised to bytes as the tablet would send them. */
async function buildBodies(key: DeviceKey, records: number, batchSize: number, timing: Timing = heldTiming()): Promise<Uint8Array[]> {
  const units = DEMO_CAMPAIGN.units.map((u) => u.id);
  const groups = DEMO_CAMPAIGN.raterGroups.map((g) => g.id);
  const levels = DEMO_CAMPAIGN.scale.map((l) => l.key);
  const { sealedAt, durationMs } = timing;
  const t0 = sealedAt(0);
  const bodies: Uint8Array[] = [];
  let prev = ZERO;
  for (let seq = 1; seq <= records; seq += batchSize) {
    const n = Math.min(batchSize, records - seq + 1);
    const unsealed: UnsealedRecord[] = Array.from({ length: n }, (_, i) => {
      const k = seq + i;
      return {
        v: 1,
        type: 'f2f',
        id: uuidv7(t0 + k),
        campaignId: 'demo',
        deviceId: key.deviceId,
        collector: '张三',
        createdAt: isoTime(sealedAt(k) - durationMs(k) - 500),
        body: {
          unitId: units[k % units.length]!,
          raterGroup: groups[k % groups.length]!,
          channel: 'stall',
          ratings: Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d, j) => [d.id, levels[(k + j) % levels.length]!])),
          overall: levels[k % levels.length]!,
          comment: '窗口办事效率还可以，希望进一步公开办事流程。',
          respondent: { ageBand: '30-39', occupation: '个体经营' },
          durationMs: durationMs(k),
          location: { latE6: 30_657_000 + k, lonE6: 104_066_000 + k, accuracyM: 12 },
        },
      };
    });
    const { records: sealed, headHash } = await chainRecords(unsealed, { startSeq: seq, prevHash: prev, sealedAt: (i) => isoTime(sealedAt(seq + i)) });
    prev = headHash;
    bodies.push(Buffer.from(JSON.stringify(await signBatch(sealed, key, isoTime(sealedAt(seq))))));
  }
  return bodies;
}

/**
 * Server ingest throughput over real HTTP on 127.0.0.1. The server runs in its own process with its
 * production configuration (SQLite: WAL, synchronous=FULL); Ed25519 devices send signed, chained
 * batches (the held workload: one device, one batch after the other; spread: four devices at a
 * time, one batch each). The timer covers the server's whole path: JSON parsing,
 * every check of the protocol (signature, chain, zod validation, canon + hash), the inserts, the
 * commit and the signed receipt. Batches are built and serialised before the timer starts (that is
 * the tablet's work), to bytes: the client only writes them. The server is warm: another device's
 * `warmup` records went first, untimed (their rate, from a cold start, is returned beside).
 */
export async function benchIngest(opts: IngestBenchOptions): Promise<{
  recordsPerSec: number;
  records: number;
  seconds: number;
  serverCpuSeconds?: number;
  recordsPerServerCpuSec?: number;
  /** The warm-up's records per second, from the server's start (undefined without one). */
  coldRecordsPerSec?: number;
  gc?: IngestGc;
}> {
  const batchSize = opts.batchSize ?? 500;
  const pgUrl = opts.pgUrl ?? PG_URL;
  const dbName = `pingyi_bench_${process.pid}_${Date.now().toString(36)}`;
  let databaseUrl: string | undefined;
  if (opts.store === 'postgres') {
    await pgAdmin(pgUrl, `create database ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({
      env: { PINGYI_STATIC_DIR: join(tmpdir(), 'pingyi-bench-no-app'), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      nodeArgs: opts.serverNodeArgs,
      traceGc: opts.traceGc,
    });
    const enroll = async (): Promise<DeviceKey> => {
      const { code } = await server!.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', {
        campaignId: 'demo',
        role: 'representative',
        collector: '张三',
      });
      const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const publicJwk = minimalJwk(parsePublicJwk('Ed25519', await crypto.subtle.exportKey('jwk', keys.publicKey))!);
      const keyId = await jwkThumbprint(publicJwk);
      const proof = await signEnrollment('Ed25519', keys.privateKey, code, keyId);
      const { deviceId } = await post(`${server!.url}/api/v1/devices`, JSON.stringify({ code, alg: 'Ed25519', publicJwk, label: 'bench', proof }));
      return { deviceId, keyId, alg: 'Ed25519', privateKey: keys.privateKey };
    };
    // Each device's batches, sent in order; devices side by side in the spread workload.
    const streams: Uint8Array[][] = [];
    if (opts.workload === 'spread') {
      const sizes = Array.from({ length: Math.ceil(opts.records / SPREAD_PER_DEVICE) }, (_, i) =>
        Math.min(SPREAD_PER_DEVICE, opts.records - i * SPREAD_PER_DEVICE),
      );
      let made = 0;
      await Promise.all(
        Array.from({ length: SPREAD_DEVICES_AT_ONCE }, async () => {
          while (made < sizes.length) {
            const n = sizes[made++]!;
            const key = await enroll();
            streams.push(await buildBodies(key, n, n, spreadTiming(Date.now())));
          }
        }),
      );
    } else {
      streams.push(await buildBodies(await enroll(), opts.records, batchSize));
    }
    const sendStream = async (bodies: Uint8Array[]) => {
      for (const body of bodies) {
        const answer = await post(`${server!.url}/api/v1/batches`, body);
        if (answer.status !== 'accepted') throw new Error(`batch not accepted: ${JSON.stringify(answer)}`);
      }
    };
    const warmup = opts.warmup ?? 5000;
    let coldRecordsPerSec: number | undefined;
    if (warmup > 0) {
      const bodies = await buildBodies(await enroll(), warmup, batchSize);
      const t0 = performance.now();
      await sendStream(bodies);
      coldRecordsPerSec = Math.round(warmup / ((performance.now() - t0) / 1000));
    }

    const cpu0 = cpuSeconds(server.child.pid);
    const start = performance.now();
    let next = 0;
    const lanes = opts.workload === 'spread' ? SPREAD_DEVICES_AT_ONCE : 1;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < streams.length) await sendStream(streams[next++]!);
      }),
    );
    const end = performance.now();
    const seconds = (end - start) / 1000;
    const cpu1 = cpuSeconds(server.child.pid);
    // The server's own CPU time: what the figure would be on a machine with nothing else running.
    const serverCpuSeconds = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
    // An older checkout's server-process (the comparison in the README's "Reading a target on a
    // slower machine") starts its server without the trace and has no collections to give.
    const events = (server as Partial<ServerProcess>).gc;
    const gc = opts.traceGc && events ? await collectionsBetween(events, start, end) : undefined;
    return {
      recordsPerSec: Math.round(opts.records / seconds),
      records: opts.records,
      seconds,
      serverCpuSeconds,
      recordsPerServerCpuSec: serverCpuSeconds ? Math.round(opts.records / serverCpuSeconds) : undefined,
      coldRecordsPerSec,
      gc,
    };
  } finally {
    await server?.close();
    if (databaseUrl) await pgAdmin(pgUrl, `drop database if exists ${dbName} with (force)`);
  }
}

/** The collections V8 reported between `from` and `to` (performance.now() of this process). */
async function collectionsBetween(events: readonly GcEvent[], from: number, to: number): Promise<IngestGc> {
  // A line arrives within a millisecond of its pause; let the last ones come in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const timed = events.filter((e) => e.at >= from && e.at <= to + 50);
  const scavenges = timed.filter((e) => e.kind === 's');
  const full = timed.filter((e) => e.kind !== 's');
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return {
    scavenges: scavenges.length,
    scavengeMs: sum(scavenges.map((e) => e.pauseMs)),
    survivedBytes: scavenges.length ? sum(scavenges.map((e) => e.survivedBytes)) / scavenges.length : 0,
    fullCollections: full.length,
    fullMs: sum(full.map((e) => e.pauseMs)),
  };
}

/** The collections of a timed part, in words. */
export function describeGc(gc: IngestGc, seconds: number): string {
  return (
    `the server's young-generation collections: ${gc.scavenges}, ${gc.scavengeMs.toFixed(0)} ms (${(gc.scavengeMs / 10 / seconds || 0).toFixed(1)} % of the timed part), ` +
    `${(gc.survivedBytes / 1048576).toFixed(2)} MiB surviving each; full collections: ${gc.fullCollections}, ${gc.fullMs.toFixed(0)} ms`
  );
}

// `npx tsx test/bench/ingest.ts [sqlite|postgres] [records] [spread] [batch size] [server node options…]`
// runs it alone, e.g. `npx tsx test/bench/ingest.ts sqlite 10000 200` for the tablet's batches of 200,
// `npx tsx test/bench/ingest.ts sqlite 20000 spread` for the spread workload.
if (import.meta.url === `file://${process.argv[1]}`) {
  const store = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
  const records = Number(process.argv[3] ?? 20_000);
  const rest = process.argv.slice(4);
  const workload = rest[0] === 'spread' ? (rest.shift(), 'spread' as const) : ('held' as const);
  const batchSize = /^\d+$/.test(rest[0] ?? '') ? Number(rest.shift()) : 500;
  benchIngest({ store, records, batchSize, serverNodeArgs: rest, workload, traceGc: true }).then(
    (r) =>
      console.log(
        `ingest ${store} (${workload === 'spread' ? `spread: devices of ${SPREAD_PER_DEVICE}` : `held: batches of ${batchSize}`}): ${r.records} records in ${r.seconds.toFixed(2)} s = ${r.recordsPerSec} records/s` +
          (r.serverCpuSeconds ? ` (server CPU ${r.serverCpuSeconds.toFixed(2)} s = ${r.recordsPerServerCpuSec} records per CPU-second)` : '') +
          (r.coldRecordsPerSec ? `; the untimed warm-up from the server's start: ${r.coldRecordsPerSec} records/s` : '') +
          (r.gc ? `\n  ${describeGc(r.gc, r.seconds)}` : ''),
      ),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
