import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxResult } from '../../../src/sync/run';
import { startSyncScheduler } from '../../../src/sync/scheduler';
import type { PingyiDb } from '../../../src/store/db';

afterEach(() => {
  vi.useRealTimers();
});

/** A window stand-in: events, an online flag and a visibility state the test controls. */
function fakeWindow(onLine = true) {
  const target = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const win = Object.assign(target, { navigator: { onLine, serviceWorker: undefined }, document: doc });
  return win as unknown as Window & { navigator: { onLine: boolean }; document: EventTarget & { visibilityState: DocumentVisibilityState } };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('startSyncScheduler', () => {
  it('runs at launch, when the network returns and when the app is shown again', async () => {
    const win = fakeWindow();
    const run = vi.fn(async (): Promise<OutboxResult> => ({ status: 'nothing' }));
    const stop = startSyncScheduler({ db: {} as PingyiDb, win, run });
    await flush();
    expect(run).toHaveBeenCalledTimes(1);
    win.dispatchEvent(new Event('online'));
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    win.document.visibilityState = 'hidden';
    win.document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(run).toHaveBeenCalledTimes(2);
    win.document.visibilityState = 'visible';
    win.document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    win.dispatchEvent(new Event('online'));
    await flush();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('does not try while offline, and runs again when a backoff ends', async () => {
    vi.useFakeTimers();
    const win = fakeWindow(false);
    let now = 1_000_000;
    const results: OutboxResult[] = [{ status: 'retry', error: { code: 'network', message: 'down', at: '' }, until: now + 8_000 }, { status: 'nothing' }];
    const run = vi.fn(async () => results.shift()!);
    const stop = startSyncScheduler({ db: {} as PingyiDb, win, run, now: () => now });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).not.toHaveBeenCalled();
    win.navigator.onLine = true;
    win.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    now += 7_000;
    await vi.advanceTimersByTimeAsync(7_000);
    expect(run).toHaveBeenCalledTimes(1);
    now += 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });
});
