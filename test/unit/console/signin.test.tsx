import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ConsoleRoot } from '../../../src/ui/console/ConsoleApp';
import { createConsoleApi } from '../../../src/ui/console/api';
import { LangContext } from '../../../src/ui/i18n';
import { ADMIN, CAMPAIGN, COORDINATOR, UNAUTHORIZED, device, fakeServer, type Handler } from './fake-server';

function mount(routes: Record<string, Handler>, lang: 'zh-Hans' | 'en' = 'zh-Hans') {
  const server = fakeServer(routes);
  render(
    <LangContext.Provider value={lang}>
      <ConsoleRoot api={createConsoleApi(server.fetch)} />
    </LangContext.Provider>,
  );
  return server;
}

async function signIn(username: string, password: string) {
  fireEvent.input(await screen.findByLabelText('用户名'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
}

const common: Record<string, Handler> = {
  'GET /api/v1/admin/campaigns': () => ({ body: { campaigns: [CAMPAIGN] } }),
  'GET /api/v1/admin/devices': () => ({ body: { devices: [device({})] } }),
};

describe('console sign-in', () => {
  beforeEach(() => {
    location.hash = '#/console';
  });
  afterEach(cleanup);

  it('shows the sign-in form when no session exists, and signs in with the cookie session', async () => {
    let signedIn = false;
    const server = mount({
      ...common,
      'GET /api/v1/session': () => (signedIn ? { body: { person: ADMIN } } : UNAUTHORIZED),
      'POST /api/v1/session': (req) => {
        const b = req.body as { username: string; password: string };
        if (b.username !== 'wang.li' || b.password !== 'correct horse battery') return UNAUTHORIZED;
        signedIn = true;
        return { body: { person: ADMIN } };
      },
    });
    await signIn('wang.li', 'correct horse battery');
    expect((await screen.findByTestId('who')).textContent).toContain('王丽 · 办公室管理员');
    const post = server.calls('POST', '/api/v1/session')[0]!;
    expect(post.body).toEqual({ username: 'wang.li', password: 'correct horse battery' });
    // The browser sends the session cookie; the console never handles a token itself.
    expect(post.credentials).toBe('same-origin');
    for (const label of ['设备', '记录', '暗访问题', '统计排名', '数据质量', '导出']) expect(screen.getByRole('link', { name: label })).toBeTruthy();
  });

  it('says so when the password is wrong, clears the password and stays on the form', async () => {
    mount({ ...common, 'GET /api/v1/session': () => UNAUTHORIZED, 'POST /api/v1/session': () => UNAUTHORIZED });
    await signIn('wang.li', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('用户名或密码不正确');
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('who')).toBeNull();
  });

  it('asks for both fields before calling the server', async () => {
    const server = mount({ ...common, 'GET /api/v1/session': () => UNAUTHORIZED });
    await signIn('wang.li', '');
    expect((await screen.findByRole('alert')).textContent).toContain('请输入用户名和密码');
    expect(server.calls('POST', '/api/v1/session')).toHaveLength(0);
  });

  it('tells apart a rate limit and an unreachable server', async () => {
    mount({
      ...common,
      'GET /api/v1/session': () => UNAUTHORIZED,
      'POST /api/v1/session': () => ({ status: 429, body: { error: 'rate-limited', message: 'Too many.' } }),
    });
    await signIn('wang.li', 'x');
    expect((await screen.findByRole('alert')).textContent).toContain('尝试次数过多');
    cleanup();
    const api = createConsoleApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<ConsoleRoot api={api} />);
    expect((await screen.findByRole('alert')).textContent).toContain('无法连接服务器');
  });

  it('signs out with DELETE /api/v1/session and returns to the form', async () => {
    const server = mount({ ...common, 'GET /api/v1/session': () => ({ body: { person: ADMIN } }), 'DELETE /api/v1/session': () => ({ status: 204 }) });
    fireEvent.click(await screen.findByRole('button', { name: '退出登录' }));
    expect(await screen.findByLabelText('用户名')).toBeTruthy();
    expect(server.calls('DELETE', '/api/v1/session')).toHaveLength(1);
  });

  it('returns to sign-in with a notice when the session expires while working', async () => {
    let live = true;
    mount({
      ...common,
      'GET /api/v1/session': () => (live ? { body: { person: ADMIN } } : UNAUTHORIZED),
      'GET /api/v1/admin/devices': () => {
        live = false;
        return UNAUTHORIZED;
      },
    });
    expect(await screen.findByText('登录已失效，请重新登录。')).toBeTruthy();
    expect(screen.getByLabelText('用户名')).toBeTruthy();
  });

  it('shows a coordinator devices, rectification items, data quality and progress only', async () => {
    mount({ ...common, 'GET /api/v1/session': () => ({ body: { person: COORDINATOR } }) }, 'en');
    expect((await screen.findByTestId('who')).textContent).toContain('赵强 · Coordinator');
    const links = screen.getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual(['Devices', 'Rectification', 'Data quality', 'Progress']);
    // No revoke or enrollment for coordinators.
    await screen.findByText('李娜');
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Issue enrollment code' })).toBeNull();
  });

  it('keeps the session when a route refuses the role, and says the account may not see it', async () => {
    mount({ ...common, 'GET /api/v1/session': () => ({ body: { person: COORDINATOR } }), 'GET /api/v1/admin/devices': () => UNAUTHORIZED });
    expect((await screen.findByRole('alert')).textContent).toContain('您的账号无权查看此页面');
    expect(screen.getByTestId('who')).toBeTruthy();
  });

  it('moves between pages without a new session check, and follows the address on load', async () => {
    location.hash = '#/console/exports';
    const server = mount({ ...common, 'GET /api/v1/session': () => ({ body: { person: ADMIN } }) });
    expect(await screen.findByRole('heading', { name: '导出' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: '设备' }));
    expect(await screen.findByRole('heading', { name: '设备与同步' })).toBeTruthy();
    expect(location.hash).toBe('#/console/devices');
    expect(screen.getByRole('link', { name: '设备' }).getAttribute('aria-current')).toBe('page');
    expect(server.calls('GET', '/api/v1/session')).toHaveLength(1);
  });

  it('says so when the browser drops the session cookie (plain HTTP away from localhost)', async () => {
    mount({
      ...common,
      'GET /api/v1/session': () => UNAUTHORIZED,
      'POST /api/v1/session': () => ({ body: { person: ADMIN, expiresAt: '2026-11-22T01:00:00.000Z' } }),
    });
    await signIn('wang.li', 'correct horse battery');
    expect((await screen.findByRole('alert')).textContent).toContain('浏览器没有保存登录状态');
    expect(screen.queryByTestId('who')).toBeNull();
  });
});
