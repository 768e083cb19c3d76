import type { ComponentChildren } from 'preact';
import { createStore } from 'idb-keyval';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import type { RecordType } from '../../../src/domain/records';
import { openSettings, type Settings } from '../../../src/platform/settings';
import type { StorageApi } from '../../../src/platform/storage';
import type { UpdateService } from '../../../src/pwa/updates';
import { openDb, type Draft, type PingyiDb, type StoredRecord } from '../../../src/store/db';
import { sealDraft } from '../../../src/store/seal';
import type { LoadedSession } from '../../../src/store/session';
import { ShellContext, type ShellServices } from '../../../src/ui/components/shell/ShellContext';
import { AppContext, type AppServices, type Session } from '../../../src/ui/context';
import { LangContext, type Lang } from '../../../src/ui/i18n';
import { advanceMark } from '../../../src/store/received';

// Shared by the shell's and the store's tests: records are sealed through the real sealDraft, so
// the queries are tested against exactly what sealing writes.

export const ratings = Object.fromEntries(DEMO_CAMPAIGN.dimensions.map((d) => [d.id, 'very']));

export function f2fBody(unitId = 'brigade1', overall = 'very'): Record<string, unknown> {
  return { unitId, raterGroup: 'public', channel: 'stall', ratings: { ...ratings, lawful: 'less' }, overall, durationMs: 0 };
}
export function forumBody(unitIds = ['law', 'office']): Record<string, unknown> {
  return {
    unitIds,
    title: '窗口服务座谈会',
    heldAt: '2026-11-20T02:00:00.000Z',
    place: '区政务服务中心',
    attendees: { public: 12, expert: 3 },
    opinions: [{ unitId: 'law', dimensionId: 'efficiency', kind: 'suggestion', text: '希望缩短审批时间' }],
  };
}
export function visitBody(unitId = 'approval'): Record<string, unknown> {
  return { unitId, mode: 'covert', visitedAt: '2026-11-20T03:00:00.000Z', categories: ['attitude', 'shirk'], severity: 'serious' };
}
export function stallBody(unitIds = ['brigade2']): Record<string, unknown> {
  return {
    place: '人民广场',
    unitIds,
    openedAt: '2026-11-20T01:00:00.000Z',
    closedAt: '2026-11-20T04:00:00.000Z',
    visitors: 40,
    complaints: [{ unitId: 'brigade2', category: '占道', text: '夜市占道经营' }],
  };
}

export function testDb(): PingyiDb {
  return openDb(`test-${uuidv7()}`);
}
export function testSettings(): Settings {
  return openSettings(createStore(`settings-${uuidv7()}`, 'settings'));
}

export interface SealOptions {
  deviceId?: string;
  /** Sealing time (ms). */
  at?: number;
  day?: string;
  practice?: boolean;
}

let clock = Date.UTC(2026, 10, 20, 1, 0, 0);

/** Seals one record of `type` with `body` through sealDraft. */
export async function seal(db: PingyiDb, type: RecordType, body: Record<string, unknown>, o: SealOptions = {}): Promise<StoredRecord> {
  const at = o.at ?? (clock += 60_000);
  const draft: Draft = {
    id: uuidv7(at),
    campaignId: 'demo',
    deviceId: o.deviceId ?? 'local-1',
    type,
    body,
    createdAt: new Date(at - 30_000).toISOString(),
    firstAnswerAt: at - 30_000,
    updatedAt: at,
    // A covert visit carries its description sealed (PROTOCOL.md: stricter record validity).
    ...(type === 'visit' && body.mode === 'covert' ? { secret: { description: '窗口人员态度生硬' } } : {}),
  };
  return sealDraft(draft, {
    db,
    campaign: DEMO_CAMPAIGN,
    collector: 'c1',
    practice: o.practice ?? true,
    encrypt: async () => ({ alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' }),
    now: () => at,
    localDay: () => o.day ?? '2026-11-20',
  });
}

/** An amend (full replacement body) or void of `target`. */
export function correct(db: PingyiDb, target: StoredRecord, type: 'amend' | 'void', reason: string, body?: Record<string, unknown>, o: SealOptions = {}) {
  return seal(db, type, { targetId: target.record.id, targetHash: target.hash, reason, ...(body ? { body } : {}) }, { deviceId: target.deviceId, ...o });
}

export function draftOf(type: RecordType, body: Record<string, unknown>, updatedAt: number, deviceId = 'local-1'): Draft {
  return { id: uuidv7(updatedAt), campaignId: 'demo', deviceId, type, body, createdAt: new Date(updatedAt).toISOString(), updatedAt };
}

/** Moves each device's received mark to the newest of `recs` (receipts cover chain prefixes). */
export async function markReceived(db: PingyiDb, recs: StoredRecord[]) {
  for (const r of recs) await advanceMark(db, { deviceId: r.deviceId, throughSeq: r.seq, headHash: r.hash, verifiedAt: '2026-11-21T08:00:00.000Z' });
}

export function practiceSession(deviceId = 'local-1'): Session {
  return { campaign: DEMO_CAMPAIGN, deviceId, collector: 'practice', practice: true };
}

/** Storage that reports fixed numbers and a persist() answer. */
export function fakeStorage(o: { persisted?: boolean; grant?: boolean } = {}): StorageApi & { asked: number } {
  const s = {
    asked: 0,
    estimate: async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
    persisted: async () => o.persisted ?? false,
    persist: async () => {
      s.asked++;
      return o.grant ?? false;
    },
  };
  return s;
}

export interface Harness {
  db: PingyiDb;
  session?: Session;
  lang?: Lang;
  storage?: StorageApi;
  navigate?: (path: string) => void;
  loaded?: Partial<LoadedSession>;
  updates?: UpdateService;
}

/** Wraps a screen in the contexts the shell provides. */
export function Providers(props: Harness & { children: ComponentChildren }) {
  const session = props.session ?? practiceSession();
  const lang = props.lang ?? 'zh-Hans';
  const app: AppServices = {
    db: props.db,
    session,
    reloadSession: async () => {},
    lang,
    setLang: () => {},
    navigate: props.navigate ?? (() => {}),
    setDirty: () => {},
  };
  const shell: ShellServices = {
    settings: testSettings(),
    loaded: { session, mode: session.practice ? 'practice' : 'enrolled', practiceDeviceId: 'local-1', enrolledCampaignMissing: false, ...props.loaded },
    storage: props.storage ?? fakeStorage({ persisted: true }),
    ...(props.updates ? { updates: props.updates } : {}),
    version: '0.0.0-test',
  };
  return (
    <LangContext.Provider value={lang}>
      <AppContext.Provider value={app}>
        <ShellContext.Provider value={shell}>{props.children}</ShellContext.Provider>
      </AppContext.Provider>
    </LangContext.Provider>
  );
}
