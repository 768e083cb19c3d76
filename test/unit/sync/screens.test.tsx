import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import { enrollLink } from '../../../src/ui/console/devices/enrollLink';
import type { PingyiDb } from '../../../src/store/db';
import { enrollDevice } from '../../../src/sync/enroll';
import { KV, readEnrollment, readOutboxState } from '../../../src/sync/state';
import { AppContext, type AppServices } from '../../../src/ui/context';
import { LangContext } from '../../../src/ui/i18n';
import EnrollScreen from '../../../src/ui/sync/EnrollScreen';
import { parseEnrollPayload } from '../../../src/ui/sync/enrollPayload';
import SyncScreen from '../../../src/ui/sync/SyncScreen';
import { f2fBody, freshDb, issueCode, seedRecords, startServer, type TestServer } from './helpers';

let server: TestServer;
let db: PingyiDb;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(async () => {
  cleanup();
  db?.close();
  await db?.delete();
});

function renderScreen(ui: ComponentChildren, reloadSession = vi.fn(async () => {})) {
  const app: AppServices = {
    db,
    session: { campaign: DEMO_CAMPAIGN, deviceId: 'local-1', collector: 'practice', practice: true },
    reloadSession,
    lang: 'zh-Hans',
    setLang: () => {},
    navigate: vi.fn(),
    setDirty: vi.fn(),
  };
  render(
    <AppContext.Provider value={app}>
      <LangContext.Provider value="zh-Hans">{ui}</LangContext.Provider>
    </AppContext.Provider>,
  );
  return app;
}

const netFetch = (u: string, i?: RequestInit) => fetch(u, i);

describe('EnrollScreen', () => {
  it('enrolls with the server and code from the QR link, then reloads the session', async () => {
    db = freshDb('ui');
    const code = await issueCode(server, 'coordinator', '陈静');
    const params = Object.fromEntries(new URLSearchParams(enrollLink(server.url, code).split('?')[1]));
    const reload = vi.fn(async () => {});
    renderScreen(<EnrollScreen params={params} />, reload);
    expect((screen.getByTestId('enroll-code') as HTMLInputElement).value).toBe(code);
    fireEvent.click(screen.getByTestId('enroll-submit'));
    await waitFor(() => expect(screen.getByTestId('enroll-done').textContent).toContain('陈静'), { timeout: 5000 });
    expect(screen.getByTestId('enroll-done').textContent).toContain('协调员');
    expect(reload).toHaveBeenCalledOnce();
    expect((await readEnrollment(db))?.collector).toBe('陈静');
  });

  it('says clearly when the code is not known, and stores nothing', async () => {
    db = freshDb('ui');
    renderScreen(<EnrollScreen params={{ server: server.url, code: 'AAAA-BBBB-CCCC' }} />);
    fireEvent.click(screen.getByTestId('enroll-submit'));
    await waitFor(() => expect(screen.getByTestId('enroll-error').textContent).toContain('登记码无效'), { timeout: 5000 });
    expect(await db.kv.get(KV.enrollment)).toBeUndefined();
  });

  it("reads the console's QR link, a JSON payload and a bare code", () => {
    expect(parseEnrollPayload(enrollLink('https://pingyi.example.gov.cn/', 'ABCD-EFGH-JKMN'))).toEqual({
      server: 'https://pingyi.example.gov.cn',
      code: 'ABCD-EFGH-JKMN',
    });
    expect(parseEnrollPayload('{"serverUrl":"http://10.0.0.2:8787","code":"X1Y2"}')).toEqual({ server: 'http://10.0.0.2:8787', code: 'X1Y2' });
    expect(parseEnrollPayload(' abcd efgh jkmn ')).toEqual({ code: 'abcd efgh jkmn' });
    expect(parseEnrollPayload('<script>')).toEqual({});
  });
});

describe('SyncScreen', () => {
  const enroll = async () => enrollDevice(db, { serverUrl: server.url, code: await issueCode(server), label: 'ui', fetchFn: netFetch });

  it('asks to enroll first on a tablet that is not enrolled', async () => {
    db = freshDb('ui');
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => expect(screen.getByText(/本机还没有登记/)).toBeTruthy());
  });

  it('sends on 同步 and shows the result, the counts and the receipt', async () => {
    db = freshDb('ui');
    const e = await enroll();
    await seedRecords(db, e, 30);
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => expect(screen.getByTestId('sync-unsent').textContent).toBe('30'));
    fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() => expect(screen.getByTestId('sync-last-run').textContent).toMatch(/^上次同步 .+：发送了 30 条，服务器已确认。$/), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('sync-waiting').textContent).toBe('本机的记录已全部发送，服务器已确认。'));
    await waitFor(() => expect(screen.getByTestId('sync-sent').textContent).toBe('30'));
    expect(screen.getByTestId('sync-unsent').textContent).toBe('0');
    expect(screen.getByTestId('sync-receipt').textContent).toContain('第 30 条');
    expect(screen.getByTestId('sync-log').textContent).toContain('首次记录');
  });

  it("lists a refused record by its code in Chinese (not the server's English sentence), and keeps it", async () => {
    db = freshDb('ui');
    const e = await enroll();
    await seedRecords(db, e, 4, (i) => (i === 1 ? { body: f2fBody('ghost-unit') } : {}));
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => screen.getByTestId('sync-button'));
    fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(() => expect(screen.getByTestId('sync-refused-code').textContent).toBe('记录内容不符合活动要求'), { timeout: 10_000 });
    expect(screen.getByTestId('sync-refused-record').textContent).toContain('第 2 条（面对面评议）');
    const said = (await readOutboxState(db)).lastError!.message;
    expect(said).toMatch(/unknown unit/);
    expect(document.body.textContent).not.toContain(said);
    expect(screen.getByTestId('sync-last-run').textContent).toContain('服务器拒绝了记录');
    expect(screen.getByTestId('sync-waiting').textContent).toBe('等待发送：4 条记录');
    expect(await db.records.count()).toBe(4);
  });

  it('never says there is nothing to send while records wait, whatever the last run said', async () => {
    db = freshDb('ui');
    const e = await enroll();
    // The last run (at enrollment) found nothing to send; five records were sealed since.
    await db.kv.put({ key: KV.outbox, value: { attempts: 0, lastRun: { at: '2026-11-21T08:00:00.000Z', result: 'nothing', sentRecords: 0, appended: 0 } } });
    await seedRecords(db, e, 5);
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => expect(screen.getByTestId('sync-waiting').textContent).toBe('等待发送：5 条记录'));
    await waitFor(() => expect(screen.getByTestId('sync-last-run').textContent).toMatch(/^上次同步 2026.+：服务器已有本机当时的全部记录。$/));
    expect(document.body.textContent).not.toMatch(/没有需要发送|没有.*记录要发送/);
  });

  it('tells what is waiting and that the last sync failed when the server cannot be reached', async () => {
    db = freshDb('ui');
    const e = await enroll();
    await seedRecords(db, e, 3);
    // The server is gone (the tablet's address now points at a closed port).
    await db.kv.put({ key: KV.enrollment, value: { ...e, serverUrl: 'http://127.0.0.1:9' } });
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => screen.getByTestId('sync-button'));
    fireEvent.click(screen.getByTestId('sync-button'));
    await waitFor(
      () => expect(screen.getByTestId('sync-last-run').textContent).toMatch(/^上次同步 .+：没有成功（网络不通，或服务器没有响应）。将在 .+ 自动重试/),
      { timeout: 10_000 },
    );
    expect(screen.getByTestId('sync-waiting').textContent).toBe('等待发送：3 条记录');
    expect(document.body.textContent).not.toMatch(/Failed to fetch|network:|没有需要发送/);
  });

  it('says loudly when the audit log check failed', async () => {
    db = freshDb('ui');
    await enroll();
    await db.kv.put({
      key: KV.outbox,
      value: { attempts: 0, logAlarm: { code: 'log-inconsistent', message: 'log of 9 does not extend 7', at: '2026-11-21T10:00:00.000Z' } },
    });
    renderScreen(<SyncScreen params={{}} />);
    await waitFor(() => expect(screen.getByTestId('sync-log-alarm').textContent).toContain('立即报告'));
    await waitFor(() => expect(screen.getByTestId('sync-photos').textContent).toBe('0'));
  });
});
