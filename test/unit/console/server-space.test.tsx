import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleApi } from '../../../src/ui/console/api';
import { ServerSpace } from '../../../src/ui/console/ServerSpace';
import { LangContext, type Lang } from '../../../src/ui/i18n';
import { fakeServer } from './fake-server';

const GiB = 1024 ** 3;
afterEach(cleanup);
function show(status: { status?: number; body: unknown }, lang: Lang = 'zh-Hans') {
  const server = fakeServer({ 'GET /api/v1/admin/status': () => status });
  return render(
    <LangContext.Provider value={lang}>
      <ServerSpace api={createConsoleApi(server.fetch)} />
    </LangContext.Provider>,
  );
}

describe('the console header’s server space', () => {
  it('shows the free space quietly while there is room', async () => {
    show({ body: { storage: { freeBytes: 40 * GiB, totalBytes: 100 * GiB }, database: 'sqlite', fault: null } });
    const el = await screen.findByTestId('server-space');
    expect(el.textContent).toBe('服务器剩余空间 40 GB（共 100 GB）');
    expect(el.className).not.toContain('c-warn');
    expect(el.getAttribute('role')).toBeNull();
  });

  it('warns under 5 % free, in every language', async () => {
    const low = { storage: { freeBytes: 4.9 * GiB, totalBytes: 100 * GiB }, database: 'sqlite', fault: null };
    show({ body: low });
    const el = await screen.findByTestId('server-space');
    expect(el.getAttribute('role')).toBe('alert');
    expect(el.className).toContain('c-warn');
    expect(el.textContent).toContain('服务器空间不足：仅剩 4.9 GB（4.9%，共 100 GB）');
    show({ body: low }, 'en');
    await waitFor(() => expect(screen.getAllByTestId('server-space')[1]!.textContent).toContain('Server space low: only 4.9 GB left (4.9% of 100 GB)'));
    show({ body: { ...low, storage: { freeBytes: 5.1 * GiB, totalBytes: 100 * GiB } } }, 'zh-Hant');
    await waitFor(() => expect(screen.getAllByTestId('server-space')[2]!.textContent).toBe('伺服器剩餘空間 5.1 GB（共 100 GB）'));
  });

  it('says when the disk is full and batches are refused', async () => {
    show({ body: { storage: { freeBytes: 0, totalBytes: 8 * 1024 ** 2 }, database: 'sqlite', fault: 'storage-full' } });
    const el = await screen.findByTestId('server-space');
    expect(el.textContent).toContain('服务器磁盘已满，平板的上传暂被拒收，腾出空间后自动恢复');
    expect(el.getAttribute('role')).toBe('alert');
  });

  it('says nothing when the status cannot be read', async () => {
    const view = show({ status: 401, body: { error: 'unauthorized', message: 'no' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(view.queryByTestId('server-space')).toBeNull();
  });
});
