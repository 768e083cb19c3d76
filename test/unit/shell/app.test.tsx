import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { Settings } from '../../../src/platform/settings';
import type { PingyiDb } from '../../../src/store/db';
import { App, type OpenedStorage } from '../../../src/ui/app';
import { testDb, testSettings } from './fixtures';

// Screens load lazily, and a first import is transformed on demand: give it time on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

let db: PingyiDb;
let settings: Settings;
beforeEach(() => {
  db = testDb();
  settings = testSettings();
  location.hash = '#/';
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const opened = (): Promise<OpenedStorage> => Promise.resolve({ db, settings });
const nav = () => screen.getByRole('navigation');

describe('App shell', () => {
  it('starts in practice mode with the demo campaign and Simplified Chinese, no account needed', async () => {
    render(<App open={opened} version="1.2.3" />);
    await waitFor(() => expect(screen.getByText('城管局民主评议政风行风（演示）')).toBeTruthy());
    expect(screen.getByText('练习')).toBeTruthy();
    for (const label of ['首页', '面对面评议', '座谈会', '明察暗访', '设点咨询', '记录', '同步', '设置']) {
      expect(nav().textContent).toContain(label);
    }
    await waitFor(() => expect(screen.getByTestId('tile-f2f')).toBeTruthy()); // the lazily loaded home screen
    expect(document.documentElement.lang).toBe('zh-Hans');
  });

  it('lets go of the database when a newer version in another tab upgrades it, and asks for a reload', async () => {
    render(<App open={opened} version="1.2.3" />);
    await waitFor(() => expect(screen.getByTestId('tile-f2f')).toBeTruthy());
    // Another tab's newer version opens the same database at a higher version.
    const upgraded = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(db.name, db.verno * 10 + 10);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
      req.onblocked = () => fail(new Error('the upgrade was blocked by the open page'));
    });
    upgraded.close();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('评议通已更新'));
    expect(screen.getByRole('alert').textContent).toContain('已保存的数据没有丢失。');
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(db.isOpen()).toBe(false);
  });

  it('switches language in settings and keeps the choice for the next start', async () => {
    location.hash = '#/settings';
    const first = render(<App open={opened} version="1.2.3" />);
    await waitFor(() => expect(screen.getByText('界面语言')).toBeTruthy());
    expect(screen.getByTestId('version').textContent).toBe('1.2.3');

    fireEvent.click(screen.getByRole('radio', { name: '繁體中文' }));
    await waitFor(() => expect(nav().textContent).toContain('設定'));
    expect(screen.getByText('介面語言')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'English' }));
    await waitFor(() => expect(nav().textContent).toContain('Settings'));
    expect(nav().textContent).toContain('Face-to-face');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    await waitFor(async () => expect(await settings.lang()).toBe('en'));
    first.unmount();

    render(<App open={opened} version="1.2.3" />);
    await waitFor(() => expect(screen.getByText('Language')).toBeTruthy());
    expect(screen.getByText('Practice')).toBeTruthy();
  });

  it('switches between the enrolled campaign and practice in settings', async () => {
    const campaign = { ...DEMO_CAMPAIGN, id: 'city-2026', name: '市2026年度民主评议政风行风' };
    await db.campaigns.put({ id: campaign.id, definition: campaign, source: 'enrolled', savedAt: '2026-11-01T00:00:00.000Z' });
    await db.kv.put({
      key: 'enrollment',
      value: {
        serverUrl: 'http://127.0.0.1:1',
        deviceId: 'dev-9',
        keyId: 'k',
        alg: 'ES256',
        collector: 'li',
        role: 'coordinator',
        campaignId: campaign.id,
        enrolledAt: '2026-11-01T00:00:00.000Z',
      },
    });
    location.hash = '#/settings';
    render(<App open={opened} version="1" />);
    await waitFor(() => expect(screen.getByText('市2026年度民主评议政风行风')).toBeTruthy());
    expect(screen.getByText('正式')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('协调员')).toBeTruthy());

    fireEvent.click(screen.getByRole('radio', { name: '练习（演示活动）' }));
    await waitFor(() => expect(screen.getByText('城管局民主评议政风行风（演示）')).toBeTruthy());
    expect(await settings.mode()).toBe('practice');
    fireEvent.click(screen.getByRole('radio', { name: /^正式/ }));
    await waitFor(() => expect(screen.getByText('市2026年度民主评议政风行风')).toBeTruthy());
  });

  it('explains in plain words when IndexedDB is unavailable, instead of a blank screen', async () => {
    render(<App open={() => Promise.reject(new Dexie.MissingAPIError('IndexedDB API missing'))} version="1" />);
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    const text = screen.getByRole('alert').textContent!;
    expect(text).toContain('无法在本机保存数据');
    expect(text).toContain('无痕');
    expect(text).toContain('没有丢失');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('explains a refused open (private window) and retries on request', async () => {
    let attempts = 0;
    const open = () => {
      attempts++;
      return attempts === 1
        ? Promise.reject(new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'))
        : opened();
    };
    render(<App open={open} version="1" />);
    await waitFor(() => expect(screen.getByText('无法在本机保存数据')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(screen.getByText('城管局民主评议政风行风（演示）')).toBeTruthy());
    expect(attempts).toBe(2);
  });

  it('explains a full disk at start-up', async () => {
    render(<App open={() => Promise.reject(new DOMException('quota', 'QuotaExceededError'))} version="1" />);
    await waitFor(() => expect(screen.getByText('本机存储空间已满')).toBeTruthy());
    expect(screen.getByRole('alert').textContent).toContain('之前保存的记录和草稿都还在，没有丢失。');
  });

  it('explains a storage-full failure that a screen left unhandled, and keeps running', async () => {
    render(<App open={opened} version="1" />);
    await waitFor(() => expect(screen.getByTestId('tile-f2f')).toBeTruthy());
    const event = new Event('unhandledrejection') as PromiseRejectionEvent;
    Object.defineProperty(event, 'reason', { value: new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')) });
    dispatchEvent(event);
    await waitFor(() => expect(screen.getByText('本机存储空间已满')).toBeTruthy());
    expect(screen.getByTestId('tile-f2f')).toBeTruthy();
  });

  it('says what the records database lost since the last start, until the user has taken note', async () => {
    // The database held seq 4 of this chain, and the server 2 of them; now it holds none.
    localStorage.setItem('pingyi:chains', JSON.stringify({ 'dev-lost': { seq: 4, received: 2 } }));
    render(<App open={opened} version="1.2.3" />);
    await waitFor(() => expect(screen.getByTestId('db-lost')).toBeTruthy());
    expect(screen.getByTestId('db-lost').textContent).toBe(
      '本机曾封存 4 份记录，数据库中现在只有 0 份。服务器已确认收到的 2 份不受影响；其余 2 份没有发送，在本机已找不回。',
    );
    expect(screen.getByRole('alert').textContent).toContain('本机编号：dev-lost');
    fireEvent.click(screen.getByRole('button', { name: '我已知悉' }));
    await waitFor(() => expect(screen.queryByTestId('db-lost')).toBeNull());
    expect(JSON.parse(localStorage.getItem('pingyi:chains')!)).toEqual({});
    expect(screen.getByTestId('tile-f2f')).toBeTruthy();
  });

  it('routes by hash and says so for an unknown page', async () => {
    location.hash = '#/nowhere';
    render(<App open={opened} version="1" />);
    await waitFor(() => expect(screen.getByText('找不到这个页面。')).toBeTruthy());
    location.hash = '#/records';
    await waitFor(() => expect(screen.getByTestId('list-count')).toBeTruthy());
    expect(nav().querySelector('[aria-current="page"]')!.textContent).toBe('记录');
  });
});
