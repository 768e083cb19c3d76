import { Blob as NodeBlob } from 'node:buffer';
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { vi } from 'vitest';
import type { Campaign } from '../../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import type { TargetInfo } from '../../../src/domain/validate';
import { openDb, type PingyiDb, type StoredRecord } from '../../../src/store/db';
import { AppContext, type AppServices, type Session } from '../../../src/ui/context';
import { LangContext, type Lang } from '../../../src/ui/i18n';

export const DEVICE = 'local-test';

/**
 * Under jsdom the global ArrayBuffer and Uint8Array belong to another realm than Node's WebCrypto,
 * which then refuses the buffers @hpke/core makes; Blob is jsdom's, which fake-indexeddb cannot
 * store. Tests that seal confidential fields or photos use Node's (as a browser has one realm).
 */
export function useNodeRealm(): void {
  vi.stubGlobal('ArrayBuffer', Buffer.alloc(1).buffer.constructor);
  vi.stubGlobal('Uint8Array', Object.getPrototypeOf(Buffer.prototype).constructor);
  vi.stubGlobal('Blob', NodeBlob);
}

export interface Harness {
  db: PingyiDb;
  app: AppServices;
  navigate: ReturnType<typeof vi.fn>;
  setDirty: ReturnType<typeof vi.fn>;
}

/** A fresh database and app services for one test, practice session on the demo campaign. */
export function makeHarness(over: { campaign?: Campaign; lang?: Lang; deviceId?: string } = {}): Harness {
  const db = openDb('forms-' + uuidv7());
  const navigate = vi.fn();
  const setDirty = vi.fn();
  const session: Session = { campaign: over.campaign ?? DEMO_CAMPAIGN, deviceId: over.deviceId ?? DEVICE, collector: 'rep-1', practice: true };
  const app: AppServices = {
    db,
    session,
    reloadSession: async () => {},
    lang: over.lang ?? 'zh-Hans',
    setLang: () => {},
    navigate,
    setDirty,
  };
  return { db, app, navigate, setDirty };
}

/** The providers the shell puts around every screen. */
export function wrap(h: Harness, ui: ComponentChildren) {
  return (
    <AppContext.Provider value={h.app}>
      <LangContext.Provider value={h.app.lang}>{ui}</LangContext.Provider>
    </AppContext.Provider>
  );
}

export function renderWith(h: Harness, ui: ComponentChildren) {
  return render(wrap(h, ui));
}

export async function closeHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  h.db.close();
  await h.db.delete();
}

/** What validateRecord needs about the records sealed before seq `before` in the same store. */
export async function lookupIn(db: PingyiDb, before: number): Promise<(id: string) => TargetInfo | undefined> {
  const all: StoredRecord[] = await db.records.toArray();
  return (id) => {
    const t = all.find((r) => r.record.id === id);
    if (!t) return undefined;
    return { type: t.type, hash: t.hash, deviceId: t.deviceId, seq: t.seq, voided: all.some((r) => r.type === 'void' && r.targetId === id && r.seq < before) };
  };
}
