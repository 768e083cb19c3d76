// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiError, createConsoleApi } from '../../../src/ui/console/api';
import { ADMIN, UNAUTHORIZED, fakeServer } from './fake-server';

describe('console api client', () => {
  it('answers null for who-am-I without a session, and the person with one', async () => {
    let signedIn = false;
    const s = fakeServer({ 'GET /api/v1/session': () => (signedIn ? { body: { person: ADMIN } } : UNAUTHORIZED) });
    const api = createConsoleApi(s.fetch);
    expect(await api.whoAmI()).toBeNull();
    signedIn = true;
    expect(await api.whoAmI()).toEqual(ADMIN);
    expect(s.seen.every((x) => x.credentials === 'same-origin')).toBe(true);
  });

  it('turns error answers into ApiError with the protocol code, message and details', async () => {
    const s = fakeServer({
      'POST /api/v1/admin/enrollment-codes': () => ({ status: 400, body: { error: 'malformed', message: 'collector: required', path: '/collector' } }),
    });
    const err = await createConsoleApi(s.fetch)
      .issueEnrollmentCode({ campaignId: 'demo', role: 'inspector', collector: '' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'malformed', message: 'collector: required', details: { path: '/collector' } });
  });

  it('sends every change as JSON, even one without a body (the server refuses other signed-in changes)', async () => {
    const types: (string | null)[] = [];
    const api = createConsoleApi(async (_input, init) => {
      types.push(new Headers(init?.headers).get('content-type'));
      return new Response(init?.method === 'DELETE' ? null : '{}', {
        status: init?.method === 'DELETE' ? 204 : 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    await api.revokeDevice('d1');
    await api.signOut();
    expect(types).toEqual(['application/json', 'application/json']);
  });

  it('keeps the status when the answer is not JSON, and calls a network failure offline', async () => {
    const html = createConsoleApi(async () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(html.devices()).rejects.toMatchObject({ status: 502, code: 'http-502' });
    const down = createConsoleApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.devices()).rejects.toMatchObject({ status: 0, code: 'offline' });
  });

  it('asks for records with only the filters the server takes, and passes the cursor on', async () => {
    const s = fakeServer({ 'GET /api/v1/admin/records': () => ({ body: { records: [], next: null } }) });
    const api = createConsoleApi(s.fetch);
    await api.records({ campaignId: 'demo', type: 'visit', unitId: '', collector: '李娜', day: '2026-11-20' }, 41, 20);
    const q = s.seen[0]!.query;
    expect(Object.fromEntries(q)).toEqual({ campaignId: 'demo', type: 'visit', after: '41', limit: '20' });
  });

  it('escapes ids in paths and builds same-origin export links', async () => {
    const s = fakeServer({ 'POST /api/v1/admin/devices/a%2Fb/revoke': () => ({ body: {} }) });
    const api = createConsoleApi(s.fetch);
    await api.revokeDevice('a/b');
    expect(s.seen[0]!.path).toBe('/api/v1/admin/devices/a%2Fb/revoke');
    expect(api.exportUrl('demo', 'jsonl')).toBe('/api/v1/admin/export?campaignId=demo&format=jsonl');
  });

  it('treats manual scores never entered as empty', async () => {
    const api = createConsoleApi(fakeServer({}).fetch);
    expect(await api.manualScores('demo')).toEqual({ scores: {}, bonusRanking: [] });
  });
});
