// A day's work over a weak mobile link: the built app syncing 500 questionnaires, 20 forum/stall
// records and 40 covert-visit photos through Chromium's network emulation (300 ms round trip,
// 750 kbit/s up, 1.5 Mbit/s down), beside its floor (the bytes the app sent ÷ the uplink, plus one
// round trip) and the PouchDB peer replicating the same documents and photos through the same
// emulation. Used by run.ts (weakNetSyncMs, weakNetFloorMs, weakNetPouchMs) and by the browser test
// of a cut link (test/e2e/weak-net.test.ts).
import { startGate } from '../e2e/gate';
import type { CDPSession, Page } from 'playwright-core';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { uuidv7 } from '../../src/domain/ids';
import type { Attachment, PingyiRecord } from '../../src/domain/records';
import { encryptBlob, encryptSecret } from '../../src/platform/hpke';
import { hSync, sha256Hex, ZERO } from '../../src/protocol/canon';
import type { TestServer } from '../e2e/harness';

/** The link of the issue: a township office's mobile connection. */
export const WEAK_NET = { latencyMs: 300, upBitsPerS: 750_000, downBitsPerS: 1_500_000 } as const;

/** What a day's work holds (the full figure); --quick uses a fraction. */
export interface DayShape {
  f2f: number;
  forums: number;
  stalls: number;
  photos: number;
}
export const DAY: DayShape = { f2f: 500, forums: 10, stalls: 10, photos: 40 };

/** Applies the weak link (or cuts it, offline) to a page through CDP; returns the session. */
export async function emulateWeakNet(page: Page, o: { offline?: boolean; cdp?: CDPSession } = {}): Promise<CDPSession> {
  const cdp = o.cdp ?? (await page.context().newCDPSession(page));
  if (!o.cdp) await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: o.offline ?? false,
    latency: WEAK_NET.latencyMs,
    uploadThroughput: WEAK_NET.upBitsPerS / 8,
    downloadThroughput: WEAK_NET.downBitsPerS / 8,
  });
  return cdp;
}

/** Lifts the emulation (the page's own fast link again). */
export async function clearNetEmulation(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, uploadThroughput: -1, downloadThroughput: -1 });
}

/** The floor of a run that sent `bytesUp` bytes: their time on the uplink plus one round trip. */
export function floorMs(bytesUp: number): number {
  return (bytesUp * 8 * 1000) / WEAK_NET.upBitsPerS + WEAK_NET.latencyMs;
}

/**
 * A TCP relay in front of a server that counts the bytes each way: what the browser actually put
 * on the wire (request lines, headers and bodies), to compute the floor from.
 */
export interface CountingRelay {
  url: string;
  up: number;
  down: number;
  reset(): void;
  close(): Promise<void>;
}
export async function countingRelay(target: string): Promise<CountingRelay> {
  const counts = { up: 0, down: 0 };
  const gate = await startGate(target, (direction, bytes) => void (counts[direction] += bytes));
  return {
    url: gate.url,
    get up() {
      return counts.up;
    },
    get down() {
      return counts.down;
    },
    reset() {
      counts.up = 0;
      counts.down = 0;
    },
    close: () => gate.close(),
  };
}

/**
 * Photo-like JPEGs as the app stores them: 1600 × 1200, drawn in the page (shapes, gradients and
 * fine grain, like a street scene's detail) and encoded by the browser at the app's quality 0.82.
 */
export async function makeStreetPhotos(page: Page, count: number): Promise<Uint8Array[]> {
  // tsx names the functions declared in the callback through a helper the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  const b64s: string[] = await page.evaluate(async (n) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      let s = 1234 + k * 7919;
      const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
      const canvas = new OffscreenCanvas(1600, 1200);
      const g = canvas.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, 1600, 1200);
      grad.addColorStop(0, `hsl(${rand() * 360},40%,60%)`);
      grad.addColorStop(1, `hsl(${rand() * 360},35%,35%)`);
      g.fillStyle = grad;
      g.fillRect(0, 0, 1600, 1200);
      for (let i = 0; i < 400; i++) {
        g.fillStyle = `hsla(${rand() * 360},${20 + rand() * 50}%,${20 + rand() * 60}%,${0.3 + rand() * 0.6})`;
        g.fillRect(rand() * 1600, rand() * 1200, 10 + rand() * 200, 10 + rand() * 160);
      }
      const img = g.getImageData(0, 0, 1600, 1200);
      for (let i = 0; i < img.data.length; i += 4) {
        const d = (rand() - 0.5) * 22;
        img.data[i] += d;
        img.data[i + 1] += d;
        img.data[i + 2] += d;
      }
      g.putImageData(img, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push(btoa(bin));
    }
    return out;
  }, count);
  return b64s.map((b) => new Uint8Array(Buffer.from(b, 'base64')));
}

/** A record as the tablet stores it, with the sealed photo it names (if any). */
export interface DayRecord {
  record: PingyiRecord;
  hash: string;
}
export interface DayOfWork {
  records: DayRecord[];
  /** The sealed photos (ciphertext), by sha256. */
  blobs: { sha256: string; data: Uint8Array }[];
  /** Record bytes (JSON) and photo bytes: what any transport must carry at least. */
  payloadBytes: number;
}

const UNITS = DEMO_CAMPAIGN.units.map((u) => u.id);
const LEVELS = ['very', 'fairly', 'neutral', 'less', 'dissatisfied', 'unknown'];

/**
 * A day's work for an enrolled device, chained after (fromSeq − 1, prev): questionnaires, forums,
 * stalls and covert visits interleaved as a day goes, each visit with one sealed photo (HPKE to the
 * campaign key, a fresh encryption of one of `photos`), all within the six minutes before `nowMs`.
 */
export async function dayOfWork(
  o: { deviceId: string; collector: string; fromSeq: number; prev: string; nowMs: number; photos: Uint8Array[] },
  shape: DayShape = DAY,
): Promise<DayOfWork> {
  const kinds: ('f2f' | 'forum' | 'stall' | 'visit')[] = [];
  for (let i = 0; i < shape.f2f; i++) kinds.push('f2f');
  const spread = (kind: 'forum' | 'stall' | 'visit', n: number) => {
    for (let i = 0; i < n; i++) kinds.splice(Math.floor(((i + 0.5) * kinds.length) / n), 0, kind);
  };
  spread('visit', shape.photos);
  spread('forum', shape.forums);
  spread('stall', shape.stalls);
  const key = DEMO_CAMPAIGN.encryptionKey!;
  // Within the device's enrollment (a record may not start more than 10 minutes before it).
  const start = o.nowMs - 360_000;
  const step = Math.floor(300_000 / kinds.length);
  let prev = o.prev;
  let photoIndex = 0;
  const records: DayRecord[] = [];
  const blobs: DayOfWork['blobs'] = [];
  let payloadBytes = 0;
  for (let i = 0; i < kinds.length; i++) {
    const type = kinds[i]!;
    const sealedMs = start + i * step;
    const at = new Date(sealedMs).toISOString();
    const createdAt = new Date(sealedMs - 60_000).toISOString();
    const id = uuidv7(sealedMs);
    const unitId = UNITS[i % UNITS.length]!;
    let body: Record<string, unknown>;
    let extra: { sealed?: PingyiRecord['sealed']; attachments?: Attachment[] } = {};
    if (type === 'f2f') {
      const ratings: Record<string, string> = {};
      for (const [d, dim] of DEMO_CAMPAIGN.dimensions.entries()) ratings[dim.id] = LEVELS[(i + d) % 5]!;
      body = {
        unitId,
        raterGroup: ['expert', 'public', 'client'][i % 3],
        channel: 'stall',
        ratings,
        overall: LEVELS[i % 5],
        checks: { bribe: false, fees: i % 17 === 0, shirk: false },
        ...(i % 3 ? { comment: '窗口服务态度较好，办事效率有待提高，希望增加周末办理时段。' } : {}),
        respondent: { ageBand: '31-45', occupation: '个体经营' },
        durationMs: 55_000,
        location: { latE6: 30_570_000 + i, lonE6: 104_060_000 + i, accuracyM: 12 },
      };
    } else if (type === 'forum') {
      body = {
        unitIds: [unitId, UNITS[(i + 3) % UNITS.length]],
        title: '社区居民座谈会',
        heldAt: createdAt,
        place: '街道办事处三楼会议室',
        host: '李主任',
        attendees: { expert: 3, public: 12, client: 6 },
        opinions: [
          { kind: 'suggestion', text: '建议在社区增设便民服务点，方便老年人办理业务。', unitId },
          { kind: 'complaint', text: '夜间施工噪声扰民，投诉后处理较慢。', unitId, dimensionId: 'efficiency' },
          { kind: 'praise', text: '窗口人员耐心细致。' },
        ],
      };
    } else if (type === 'stall') {
      body = {
        place: '人民广场东侧',
        unitIds: [unitId],
        openedAt: createdAt,
        closedAt: at,
        visitors: 40 + (i % 20),
        complaints: [{ unitId, category: 'attitude', text: '办事窗口工作人员态度生硬。' }],
        location: { latE6: 30_571_000, lonE6: 104_061_000, accuracyM: 20 },
      };
    } else {
      body = { unitId, mode: 'covert', visitedAt: createdAt, place: '政务大厅二号窗口', categories: ['bribe'], severity: 'serious' };
      const photo = await encryptBlob(key, id, o.photos[photoIndex++ % o.photos.length]!);
      const sha256 = await sha256Hex(photo);
      blobs.push({ sha256, data: photo });
      payloadBytes += photo.length;
      extra = {
        sealed: await encryptSecret(key, id, { description: '工作人员暗示需要“加急费”才能当天办结，未出具票据。' }),
        attachments: [{ sha256, bytes: photo.length, mime: 'image/jpeg', sealed: true }],
      };
    }
    const record = {
      v: 1,
      type,
      id,
      campaignId: DEMO_CAMPAIGN.id,
      deviceId: o.deviceId,
      seq: o.fromSeq + i,
      prev,
      collector: o.collector,
      createdAt,
      sealedAt: at,
      body,
      ...extra,
    } as PingyiRecord;
    const hash = hSync(record);
    payloadBytes += Buffer.byteLength(JSON.stringify(record));
    records.push({ record, hash });
    prev = hash;
  }
  return { records, blobs, payloadBytes };
}

/** The app's kv row `key` (raw IndexedDB). */
export function pageKv<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (k) =>
      new Promise<T | undefined>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('kv').objectStore('kv').get(k);
          req.onsuccess = () => {
            open.result.close();
            ok((req.result as { value: T } | undefined)?.value);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    key,
  );
}

/** The enrolled device's chain head in the page (seq 0 and ZERO before its first record). */
export async function pageHead(page: Page): Promise<{ deviceId: string; collector: string; seq: number; hash: string }> {
  const e = await pageKv<{ deviceId: string; collector: string }>(page, 'enrollment');
  if (!e) throw new Error('the page is not enrolled');
  const head = await page.evaluate(
    (deviceId) =>
      new Promise<{ seq: number; hash: string } | undefined>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('heads').objectStore('heads').get(deviceId);
          req.onsuccess = () => {
            open.result.close();
            ok(req.result);
          };
          req.onerror = () => fail(req.error);
        };
      }),
    e.deviceId,
  );
  return { deviceId: e.deviceId, collector: e.collector, seq: head?.seq ?? 0, hash: head?.hash ?? ZERO };
}

/**
 * Stores a day's work in the app's IndexedDB as sealing would have left it: the sealed photos in
 * `blobs` (not uploaded), the records in `records` in one transaction, and the chain head.
 */
export async function storeDayOfWork(page: Page, day: DayOfWork): Promise<void> {
  for (const b of day.blobs) {
    await page.evaluate(
      ([sha256, b64]) =>
        new Promise<void>((ok, fail) => {
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          const open = indexedDB.open('pingyi');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('blobs', 'readwrite');
            tx.objectStore('blobs').put({ sha256, mime: 'image/jpeg', bytes: bytes.length, sealed: true, data: new Blob([bytes]), uploaded: 0 });
            tx.oncomplete = () => (open.result.close(), ok());
            tx.onerror = () => fail(tx.error);
          };
        }),
      [b.sha256, Buffer.from(b.data).toString('base64')] as const,
    );
  }
  const rows = day.records.map(({ record, hash }) => {
    const body = record.body as { unitId?: string; unitIds?: string[] };
    return {
      hash,
      deviceId: record.deviceId,
      seq: record.seq,
      campaignId: record.campaignId,
      type: record.type,
      unitIds: body.unitIds ?? [body.unitId!],
      day: localDayOf(record.sealedAt),
      sealedAt: record.sealedAt,
      practice: 0,
      record,
    };
  });
  const last = day.records[day.records.length - 1]!;
  await page.evaluate(
    ([records, head]) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['records', 'heads'], 'readwrite', { durability: 'strict' });
          for (const r of records as unknown[]) tx.objectStore('records').add(r);
          tx.objectStore('heads').put(head);
          tx.oncomplete = () => (open.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
    [rows, { deviceId: last.record.deviceId, seq: last.record.seq, hash: last.hash }] as const,
  );
}

function localDayOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Photos in the page not yet marked uploaded. */
export function pendingPhotos(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('blobs').objectStore('blobs').getAll();
          req.onsuccess = () => {
            open.result.close();
            ok((req.result as { uploaded: number }[]).filter((b) => b.uploaded !== 1).length);
          };
          req.onerror = () => fail(req.error);
        };
      }),
  );
}

export type OutboxRun = {
  lastError?: unknown;
  lastRun?: { at: string; result: string; sentRecords: number };
  lastReceipt?: { verifiedAt: string; receipt: { throughSeq: number } };
};

/** Presses 同步 on '#/sync'; returns the page-clock time of the press. */
export async function pressSync(page: Page, serverUrl: string): Promise<number> {
  if (!page.url().includes('#/sync')) await page.goto(`${serverUrl}/#/sync`);
  await page.waitForSelector('[data-testid="sync-button"]:not([disabled])', { timeout: 60_000 });
  return page.evaluate(() => {
    const now = Date.now();
    (document.querySelector('[data-testid="sync-button"]') as HTMLButtonElement).click();
    return now;
  });
}

/** Checks the server holds the device's chain through `toSeq` and every photo of `day`. */
export async function checkServerHolds(server: TestServer, deviceId: string, toSeq: number, day: DayOfWork): Promise<void> {
  const devices = await server.admin<{ devices: { deviceId: string; headSeq: number }[] }>('GET', '/api/v1/admin/devices');
  const held = devices.devices.find((d) => d.deviceId === deviceId)?.headSeq;
  if (held !== toSeq) throw new Error(`the server holds the device's chain up to ${held}, expected ${toSeq}`);
  for (const b of day.blobs) {
    const res = await fetch(`${server.url}/api/v1/admin/blobs/${b.sha256}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200 || bytes.length !== b.data.length) throw new Error(`photo ${b.sha256.slice(0, 12)} is not on the server (${res.status})`);
  }
}
