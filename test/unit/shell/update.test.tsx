import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { Workbox } from 'workbox-window';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SKIP_WAITING, SYNC_REQUESTED } from '../../../src/pwa/protocol';
import { UpdatePrompt } from '../../../src/pwa/UpdatePrompt';
import { updateServiceOf, type UpdateService } from '../../../src/pwa/updates';

afterEach(() => cleanup());

/** An update service whose events the test fires by hand. */
function fakeUpdates() {
  const waiting = new Set<() => void>();
  const external = new Set<() => void>();
  let isWaiting = false;
  const service: UpdateService & { fireWaiting(): void; fireExternal(): void; activations: number } = {
    activations: 0,
    onWaiting(cb) {
      if (isWaiting) cb();
      waiting.add(cb);
      return () => waiting.delete(cb);
    },
    onExternalTakeover(cb) {
      external.add(cb);
      return () => external.delete(cb);
    },
    isWaiting: () => isWaiting,
    remind: () => isWaiting && waiting.forEach((cb) => cb()),
    async activate() {
      service.activations++;
    },
    check: async () => 'none',
    onSyncRequested: () => () => {},
    fireWaiting() {
      isWaiting = true;
      waiting.forEach((cb) => cb());
    },
    fireExternal: () => external.forEach((cb) => cb()),
  };
  return service;
}

describe('UpdatePrompt', () => {
  it('stays hidden until a new version waits, then waits for the user', async () => {
    const updates = fakeUpdates();
    const reload = vi.fn();
    render(<UpdatePrompt updates={updates} isDirty={() => false} reload={reload} />);
    expect(screen.queryByText('新版本可用')).toBeNull();
    updates.fireWaiting();
    await waitFor(() => expect(screen.getByText('新版本可用')).toBeTruthy());
    expect(updates.activations).toBe(0);
    expect(reload).not.toHaveBeenCalled();
  });

  it('neither activates nor reloads while a form is dirty, and says to finish or save it first', async () => {
    const updates = fakeUpdates();
    const reload = vi.fn();
    let dirty = true;
    render(<UpdatePrompt updates={updates} isDirty={() => dirty} reload={reload} />);
    updates.fireWaiting();
    await waitFor(() => expect(screen.getByText('立即更新')).toBeTruthy());

    fireEvent.click(screen.getByText('立即更新'));
    await waitFor(() => expect(screen.getByText(/请先完成或保存表单/)).toBeTruthy());
    expect(updates.activations).toBe(0);
    expect(reload).not.toHaveBeenCalled();

    dirty = false;
    fireEvent.click(screen.getByText('立即更新'));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(updates.activations).toBe(1);
  });

  it('can be put off with 稍后 and shown again', async () => {
    const updates = fakeUpdates();
    render(<UpdatePrompt updates={updates} isDirty={() => false} reload={vi.fn()} />);
    updates.fireWaiting();
    await waitFor(() => expect(screen.getByText('稍后')).toBeTruthy());
    fireEvent.click(screen.getByText('稍后'));
    await waitFor(() => expect(screen.queryByText('新版本可用')).toBeNull());
    updates.remind();
    await waitFor(() => expect(screen.getByText('新版本可用')).toBeTruthy());
  });

  it('does not reload by itself when another tab activated the new version', async () => {
    const updates = fakeUpdates();
    const reload = vi.fn();
    let dirty = true;
    render(<UpdatePrompt updates={updates} isDirty={() => dirty} reload={reload} />);
    updates.fireExternal();
    await waitFor(() => expect(screen.getByText('新版本已启用')).toBeTruthy());
    fireEvent.click(screen.getByText('重新加载'));
    await waitFor(() => expect(screen.getByText(/请先完成或保存正在填写的表单/)).toBeTruthy());
    expect(reload).not.toHaveBeenCalled();
    dirty = false;
    fireEvent.click(screen.getByText('重新加载'));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('updateServiceOf', () => {
  /** A stand-in for workbox-window's Workbox: only the events and calls the service uses. */
  function fakeWorkbox() {
    const listeners = new Map<string, ((e: unknown) => void)[]>();
    return {
      addEventListener(type: string, cb: (e: unknown) => void) {
        listeners.set(type, [...(listeners.get(type) ?? []), cb]);
      },
      fire(type: string, e: unknown = {}) {
        (listeners.get(type) ?? []).forEach((cb) => cb(e));
      },
      update: vi.fn(async () => {}),
    };
  }

  it('sends SKIP_WAITING to the waiting worker only when activated, and resolves on takeover', async () => {
    const wb = fakeWorkbox();
    const posted: unknown[] = [];
    const reg = { waiting: { postMessage: (m: unknown) => posted.push(m) } } as unknown as ServiceWorkerRegistration;
    const service = updateServiceOf(wb as unknown as Workbox, undefined, () => reg);
    const seen = vi.fn();
    service.onWaiting(seen);
    wb.fire('waiting');
    expect(seen).toHaveBeenCalledTimes(1);
    expect(service.isWaiting()).toBe(true);
    expect(posted).toEqual([]);

    const done = service.activate();
    expect(posted).toEqual([{ type: SKIP_WAITING }]);
    wb.fire('controlling', { isUpdate: true });
    await done;
    expect(service.isWaiting()).toBe(false);
  });

  it('reports another tab’s takeover and relays Background Sync requests', () => {
    const wb = fakeWorkbox();
    const container = new EventTarget() as unknown as ServiceWorkerContainer;
    const service = updateServiceOf(wb as unknown as Workbox, container, () => undefined);
    const external = vi.fn();
    const sync = vi.fn();
    service.onExternalTakeover(external);
    service.onSyncRequested(sync);
    wb.fire('controlling', { isUpdate: false }); // the first install taking over: not an update
    expect(external).not.toHaveBeenCalled();
    wb.fire('controlling', { isUpdate: true });
    expect(external).toHaveBeenCalledTimes(1);
    container.dispatchEvent(new MessageEvent('message', { data: { type: SYNC_REQUESTED } }));
    container.dispatchEvent(new MessageEvent('message', { data: { type: 'OTHER' } }));
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('says whether a check found a new version, and when it could not check', async () => {
    const wb = fakeWorkbox();
    const reg: { installing: unknown; waiting: unknown } = { installing: null, waiting: null };
    const service = updateServiceOf(wb as unknown as Workbox, undefined, () => reg as unknown as ServiceWorkerRegistration);
    expect(await service.check()).toBe('none');
    reg.installing = {};
    expect(await service.check()).toBe('found');
    wb.update.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await service.check()).toBe('failed');
  });
});

describe('UpdateGate', () => {
  it('loads the prompt only when an update is there, and passes on what happened meanwhile', async () => {
    const { UpdateGate } = await import('../../../src/pwa/UpdateGate');
    const updates = fakeUpdates();
    render(<UpdateGate updates={updates} isDirty={() => false} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('status')).toBeNull();
    updates.fireExternal();
    await waitFor(() => expect(screen.getByText('新版本已启用')).toBeTruthy());
  });
});
