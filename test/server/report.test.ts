import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { Tally } from '../../src/domain/scoring';
import { shanghaiMinute } from '../../src/domain/shanghai-time';
import { verifyServerSig } from '../../src/protocol/receipt';
import { marks } from '../../src/server/office/report';
import { verifyExportLines } from '../../src/server/office/verify/index';
import { verifyPublished } from '../../src/server/office/verify/published';
import { DEMO_RATINGS, enrollDevice, type TestDevice } from './device';
import { availableBackends, startServer, type Place, type TestServer } from './harness';
import { send } from './office-fixture';

const backends = await availableBackends();

const UNITS = DEMO_CAMPAIGN.units.map((u) => (u.id === 'muck' ? { ...u, name: '渣土<b>管理</b>大队 & "队"' } : u));
const LAST_YEAR: Campaign = { ...DEMO_CAMPAIGN, id: 'rep2025', year: 2025, name: '2025 年度评议', units: UNITS };
const C: Campaign = {
  ...DEMO_CAMPAIGN,
  id: 'rep2026',
  name: '2026 年度民主评议',
  units: UNITS,
  minSamplePerGroup: 0,
  previous: 'rep2025',
  limits: { maxPerDevicePerDay: null, burst: null },
  scoring: { ...DEMO_CAMPAIGN.scoring, rankWithin: 'category' },
};
const HELD: Campaign = { ...DEMO_CAMPAIGN, id: 'held2026', limits: { maxPerDevicePerDay: 1, burst: null } };
const LEVELS = ['very', 'fairly', 'neutral', 'less', 'dissatisfied'];
const ratings = (level: string) => Object.fromEntries(Object.keys(DEMO_RATINGS).map((d) => [d, level]));
/** Text of the field that must never reach the public. */
const SECRET_COMMENT = 'COMMENT-鼓楼路口-7731';

const manual = (offset: number) => ({
  scores: Object.fromEntries(UNITS.map((u, i) => [u.id, { daily: 60 + ((i * 7 + offset) % 40), network: 50 + ((i * 11 + offset) % 50) + 0.125 }])),
  bonusRanking: [],
});

describe.each(backends.map((b) => [b.name, b] as const))('通报, publication and the public page (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let device: TestDevice;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers: { authorization: `Bearer ${server.adminToken}`, ...headers } });
  const tally = async (): Promise<Tally> => (await server.admin('/api/v1/admin/campaigns/rep2026/tally')).body.tally;
  const workbook = async () => {
    const res = await get('/api/v1/admin/campaigns/rep2026/report?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    return wb;
  };
  /** The table of a sheet: its head row and the rows under it. */
  const table = (ws: ExcelJS.Worksheet) => {
    let headAt = 0;
    ws.eachRow((row, n) => {
      if (!headAt && row.getCell(1).value === '名次') headAt = n;
    });
    const head = (ws.getRow(headAt).values as unknown[]).slice(1) as string[];
    const rows: { cells: unknown[]; row: ExcelJS.Row }[] = [];
    for (let n = headAt + 1; n <= ws.rowCount; n++) rows.push({ cells: (ws.getRow(n).values as unknown[]).slice(1), row: ws.getRow(n) });
    return { head, rows, col: (name: string) => head.indexOf(name) };
  };

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    for (const c of [LAST_YEAR, C, HELD]) expect((await server.admin(`/api/v1/admin/campaigns/${c.id}`, { method: 'PUT', body: c })).status).toBe(201);
    expect((await server.admin('/api/v1/admin/campaigns/rep2025/manual-scores', { method: 'PUT', body: manual(3) })).status).toBe(200);
    device = await enrollDevice(server, 'Ed25519', 'rep2026');
    // Each unit heard from every group, at a level that differs by unit; one 不了解 each.
    const items = UNITS.flatMap((u, i) =>
      ['expert', 'public', 'client'].flatMap((g) => [
        device.f2f({ unitId: u.id, raterGroup: g, overall: LEVELS[i % 5], ratings: ratings(LEVELS[(i + 1) % 5]!), comment: SECRET_COMMENT }),
        ...(g === 'client' ? [device.f2f({ unitId: u.id, raterGroup: g, overall: 'unknown', ratings: ratings('unknown') })] : []),
      ]),
    );
    await send(device, await device.seal(items));
    expect((await server.admin('/api/v1/admin/campaigns/rep2026/manual-scores', { method: 'PUT', body: manual(0) })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  it('marks the first three and the last three ranked units, ties included, never a unit twice', () => {
    expect(marks([1, 2, 3, 4, 5, 6, 7, null])).toEqual(['top', 'top', 'top', null, 'bottom', 'bottom', 'bottom', null]);
    expect(marks([1, 2, 3, 3, 5, 6, 6, 6])).toEqual(['top', 'top', 'top', 'top', null, 'bottom', 'bottom', 'bottom']);
    expect(marks([1, 2, 3, 4, 5])).toEqual(['top', 'top', 'top', 'bottom', 'bottom']);
    expect(marks([null, null])).toEqual([null, null]);
  });

  it('writes the 通报 workbook from the signed tally: same rows in the same order, real numbers, a sheet per category', async () => {
    const signed = await tally();
    const wb = await workbook();
    const names = wb.worksheets.map((w) => w.name);
    const categories = [...new Set(C.units.map((u) => u.category))];
    expect(names).toEqual(['排名', ...categories]);
    const t = table(wb.getWorksheet('排名')!);
    expect(t.rows.map((r) => r.cells[t.col('被评单位')])).toEqual(signed.units.map((u) => u.name));
    const [daily, network] = C.scoring.components;
    signed.units.forEach((u, i) => {
      const c = t.rows[i]!.cells;
      expect(c[t.col('名次')]).toBe(u.rank ?? undefined);
      // Full precision in the cell: the display rounds, a sum does not.
      expect(c[t.col('总分')]).toBe(u.total ?? undefined);
      expect(c[t.col(`${daily!.label}（${daily!.max}）`)]).toBe(u.components[daily!.id] ?? undefined);
      expect(c[t.col(`${network!.label}（${network!.max}）`)]).toBe(u.components[network!.id] ?? undefined);
      expect(c[t.col('问卷满意度')]).toBe(u.survey.score ?? undefined);
      expect(c[t.col('计入问卷')]).toBe(u.counts.counted);
      expect(c[t.col('不了解')]).toBe(Object.values(u.survey.byGroup).reduce((n, g) => n + g.unknown, 0));
      expect(c[t.col('不了解')]).toBe(1);
      expect(c[t.col('待审')]).toBe(0);
      expect(c[t.col('剔除')]).toBe(0);
    });
    expect(signed.units.some((u) => u.total !== null && Math.round(u.total * 100) !== u.total * 100)).toBe(true);
    const totalCell = t.rows[0]!.row.getCell(t.col('总分') + 1);
    expect(typeof totalCell.value).toBe('number');
    expect(totalCell.numFmt).toBe('0.00');
    // 通报表扬 / 通报批评 by rank.
    expect(t.rows.slice(0, 3).map((r) => r.cells[t.col('通报')])).toEqual(['前三名', '前三名', '前三名']);
    expect(t.rows.slice(-3).map((r) => r.cells[t.col('通报')])).toEqual(['后三名', '后三名', '后三名']);
    // The earlier year's columns (结果运用), from the campaign it follows.
    const before = (await server.admin('/api/v1/admin/campaigns/rep2025/tally')).body.tally as Tally;
    signed.units.forEach((u, i) => {
      const prev = before.units.find((b) => b.unitId === u.unitId)!;
      expect(t.rows[i]!.cells[t.col('2025年名次')]).toBe(prev.rank ?? undefined);
      expect(t.rows[i]!.cells[t.col('2025年总分')]).toBe(prev.total ?? undefined);
    });
    // One sheet per category: its units in tally order, ranked within the category.
    for (const cat of categories) {
      const s = table(wb.getWorksheet(cat)!);
      const own = signed.units.filter((u) => C.units.find((x) => x.id === u.unitId)!.category === cat);
      expect(s.rows.map((r) => r.cells[s.col('被评单位')])).toEqual(own.map((u) => u.name));
      expect(s.rows.map((r) => r.cells[s.col('名次')])).toEqual(own.map((u) => u.categoryRank ?? undefined));
    }
    // The header names where the figures come from.
    const top = wb.getWorksheet('排名')!;
    const lines = new Map<string, string>();
    top.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(lines.get('审计日志')).toContain(signed.logRoot);
    expect(lines.get('审计日志')).toContain(`前 ${signed.logSize} 条`);
    expect(lines.get('服务器密钥指纹')).toBe(server.signer.keyId);
    expect(lines.get('活动版本')).toContain(signed.campaignHash);
    expect(lines.get('计算时间')).toMatch(/\+08:00$/);
  });

  it('prints the same report as a page with no script, its text escaped, under a CSP that allows only its style', async () => {
    const signed = await tally();
    const res = await get('/api/v1/admin/campaigns/rep2026/report?format=html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>管理</b>');
    expect(html).toContain('渣土&#60;b&#62;管理&#60;/b&#62;大队 &#38; &#34;队&#34;');
    const order = [...html.matchAll(/<section>.*?<\/section>/gs)][0]![0];
    const ids = [...order.matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(signed.units.map((u) => u.unitId));
    expect(html).toContain(signed.logRoot);
    expect(html).toContain(server.signer.keyId);
  });

  it('refuses a report as it should: unknown format, unknown campaign, no credentials', async () => {
    expect((await get('/api/v1/admin/campaigns/rep2026/report?format=pdf')).status).toBe(400);
    expect((await get('/api/v1/admin/campaigns/rep2026/report')).status).toBe(400);
    expect((await get('/api/v1/admin/campaigns/rep2026/report?format=xlsx&x=1')).status).toBe(400);
    expect((await get('/api/v1/admin/campaigns/nope/report?format=xlsx')).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/admin/campaigns/rep2026/report?format=html`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/admin/campaigns/rep2026/publish`, { method: 'POST' })).status).toBe(401);
  });

  it('publishes the signed tally as an office action; 404 before; nothing of the field in it', async () => {
    const pub = (id: string) => fetch(`${server.url}/api/v1/public/campaigns/${id}`);
    expect((await pub('rep2026')).status).toBe(404);
    const page404 = await fetch(`${server.url}/public/campaigns/rep2026`);
    expect(page404.status).toBe(404);
    expect(await page404.text()).toContain('尚未公示');
    // An unknown campaign answers the same as an unpublished one.
    const unknown = await pub('nope');
    const unpublished = await pub('rep2026');
    expect([unknown.status, await unknown.json()]).toEqual([unpublished.status, await unpublished.json()]);
    expect((await server.admin('/api/v1/admin/campaigns/rep2026/publication')).body).toEqual({ publication: null, withdrawn: null });

    expect((await server.admin('/api/v1/admin/campaigns/rep2026/publish', { body: { tally: { units: [] } } })).status).toBe(400);
    expect((await server.admin('/api/v1/admin/campaigns/nope/publish', { body: {} })).status).toBe(404);
    const published = await server.admin('/api/v1/admin/campaigns/rep2026/publish', { body: {} });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);
    const actions = (await server.admin('/api/v1/admin/office-actions?campaignId=rep2026')).body.actions;
    const logged = actions.find((a: any) => a.action.action === 'publish');
    expect(logged).toMatchObject({ hash: published.body.hash, logIndex: published.body.logIndex, action: { actor: 'admin-token', data: { version: 1 } } });
    expect(logged.action.data.tally).toEqual(published.body.tally);

    const res = await pub('rep2026');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const text = await res.text();
    const body = JSON.parse(text);
    expect(Object.keys(body).sort()).toEqual(['serverSig', 'tally']);
    expect(body).toEqual({ tally: published.body.tally, serverSig: published.body.serverSig });
    expect(await verifyServerSig(body.tally, body.serverSig, server.signer.jwk)).toBe(true);
    // As an attacker reads it: no collector, device, key, record id, record hash or record text.
    const records = (await server.admin('/api/v1/admin/records?campaignId=rep2026&limit=1000')).body.records as { hash: string; record: any }[];
    expect(records.length).toBeGreaterThan(20);
    const page = await (await fetch(`${server.url}/public/campaigns/rep2026`)).text();
    for (const leak of [device.collector, device.deviceId, device.keyId, SECRET_COMMENT, ...records.flatMap((r) => [r.hash, r.record.id])]) {
      expect(text).not.toContain(leak);
      expect(page).not.toContain(leak);
    }
    expect(text).not.toMatch(/collector|deviceId|comment|sealed|"seq"/);
    // Another campaign is not published by it.
    expect((await pub('rep2025')).status).toBe(404);
    expect((await server.admin('/api/v1/admin/campaigns/rep2026/publication')).body.publication).toMatchObject({ version: 1, publishedBy: 'admin-token' });

    // A second publication after a change replaces what the public sees.
    await server.admin('/api/v1/admin/campaigns/rep2026/manual-scores', { method: 'PUT', body: manual(5) });
    const again = await server.admin('/api/v1/admin/campaigns/rep2026/publish', { body: {} });
    expect(again.body.version).toBe(2);
    expect((await (await pub('rep2026')).json()).tally).toEqual(again.body.tally);
  });

  it('serves the public page without sign-in: the ranking, how to verify it, in three languages, no script', async () => {
    const { tally: t } = await (await fetch(`${server.url}/api/v1/public/campaigns/rep2026`)).json();
    const res = await fetch(`${server.url}/public/campaigns/rep2026`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect([...html.matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1])).toEqual(t.units.map((u: any) => u.unitId));
    expect(html).toContain('如何核验');
    expect(html).toContain(server.signer.keyId);
    expect(html).toContain('npm run verify');
    expect(html).toContain(t.logRoot);
    expect(await (await fetch(`${server.url}/public/campaigns/rep2026?lang=en`)).text()).toContain('How to verify');
    expect(await (await fetch(`${server.url}/public/campaigns/rep2026?lang=zh-Hant`)).text()).toContain('如何核驗');
    // An odd language falls back to the default; an odd id is simply not published.
    expect(await (await fetch(`${server.url}/public/campaigns/rep2026?lang=<x>`)).text()).toContain('如何核验');
    expect((await fetch(`${server.url}/public/campaigns/%3Cscript%3E`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/api/v1/public/campaigns/rep2026`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(404);
  });

  it('checks a published tally with npm run verify -- published, and the export replays the publication', async () => {
    const body = await (await fetch(`${server.url}/api/v1/public/campaigns/rep2026`)).json();
    const key = await (await fetch(`${server.url}/api/v1/server-key`)).json();
    expect((await verifyPublished(body, key, server.signer.keyId)).every((r) => r.ok)).toBe(true);
    const forged = structuredClone(body);
    forged.tally.units[0].total += 1;
    expect((await verifyPublished(forged, key)).map((r) => r.ok)).toEqual([true, false]);
    expect((await verifyPublished(body, key, 'another-fingerprint'))[0]!.ok).toBe(false);

    const jsonl = await (await get('/api/v1/admin/export?campaignId=rep2026&format=jsonl')).text();
    const lines = jsonl.trimEnd().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.find((r) => r.name === 'office decisions')!.detail).toContain('2 publish');
    // A publication whose ranking was changed after signing is named, with its leaf.
    const forgedLines = lines.map((l) => {
      const x = JSON.parse(l);
      if (x.kind !== 'action' || x.action.action !== 'publish') return l;
      x.action.data.tally.units[0].total += 5;
      return JSON.stringify(x);
    });
    const decisions = (await verifyExportLines(forgedLines)).find((r) => r.name === 'office decisions')!;
    expect(decisions.ok).toBe(false);
    expect(decisions.problems.join('\n')).toMatch(/publication at leaf \d+ .*signature does not verify/);
    expect(decisions.problems.join('\n')).toMatch(/publication at leaf \d+ .*does not follow from the records/);
  });

  it('withdraws the publication in force with a reason (撤回公示): public 404 again, a page that says when, verify replays it, publishing again restores it', async () => {
    const pub = () => fetch(`${server.url}/api/v1/public/campaigns/rep2026`);
    const withdraw = (body: unknown, id = 'rep2026') => server.admin(`/api/v1/admin/campaigns/${id}/publication/withdraw`, { body });
    const before = (await server.admin('/api/v1/admin/campaigns/rep2026/publication')).body;
    expect(before.withdrawn).toBeNull();
    const inForce = before.publication.version as number;
    // Refused: no reason, an empty or overlong one, other fields, an unknown campaign, one never published, no credentials.
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(2001) }, { reason: '数据有误', version: 1 }, null])
      expect((await withdraw(body)).body.error).toBe('malformed');
    expect((await withdraw({ reason: '数据有误' }, 'nope')).status).toBe(404);
    expect((await withdraw({ reason: '数据有误' }, 'rep2025')).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/v1/admin/campaigns/rep2026/publication/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '数据有误' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await pub()).status).toBe(200);

    const reason = '第 3 项人工分录入有误，更正后重新公示';
    const done = await withdraw({ reason });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ version: inForce });
    const logged = (await server.admin('/api/v1/admin/office-actions?campaignId=rep2026')).body.actions.find(
      (a: any) => a.action.action === 'withdraw-publication',
    );
    expect(logged).toMatchObject({ hash: done.body.hash, logIndex: done.body.logIndex, action: { actor: 'admin-token', data: { version: inForce, reason } } });
    // The public answer is that of a campaign never published; the page says it was withdrawn and when, not why.
    const gone = await pub();
    const unknown = await fetch(`${server.url}/api/v1/public/campaigns/nope`);
    expect([gone.status, await gone.json()]).toEqual([404, await unknown.json()]);
    const page = await fetch(`${server.url}/public/campaigns/rep2026`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('公示已撤回');
    expect(html).toContain(`data-withdrawn-at="${done.body.withdrawnAt}"`);
    expect(html).toContain(shanghaiMinute(done.body.withdrawnAt));
    expect(html).not.toContain(reason);
    expect(await (await fetch(`${server.url}/public/campaigns/rep2026?lang=en`)).text()).toContain('Publication withdrawn');
    expect((await server.admin('/api/v1/admin/campaigns/rep2026/publication')).body).toMatchObject({
      publication: { version: inForce },
      withdrawn: { version: inForce, withdrawnAt: done.body.withdrawnAt, withdrawnBy: 'admin-token', reason },
    });
    // Nothing left to withdraw.
    expect((await withdraw({ reason })).status).toBe(404);

    // npm run verify replays it: the export verifies and says nothing is public; a withdrawal that
    // names another version, or has no reason, is named with its leaf.
    const lines = (await (await get('/api/v1/admin/export?campaignId=rep2026&format=jsonl')).text()).trimEnd().split('\n');
    const results = await verifyExportLines(lines);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.find((r) => r.name === 'office decisions')!.detail).toMatch(
      new RegExp(`1 withdraw-publication\\); publication ${inForce} withdrawn, nothing public`),
    );
    const forge = (change: (data: any) => void) =>
      lines.map((l) => {
        const x = JSON.parse(l);
        if (x.kind !== 'action' || x.action.action !== 'withdraw-publication') return l;
        change(x.action.data);
        return JSON.stringify(x);
      });
    const problems = async (ls: string[]) => (await verifyExportLines(ls)).find((r) => r.name === 'office decisions')!.problems.join('\n');
    expect(await problems(forge((d) => (d.version = inForce - 1)))).toMatch(
      new RegExp(`leaf ${done.body.logIndex} .*withdraws publication ${inForce - 1}, but the one in force is ${inForce}`),
    );
    expect(await problems(forge((d) => (d.reason = '')))).toMatch(new RegExp(`leaf ${done.body.logIndex} .*without a reason`));

    // Publishing again makes the new version public.
    const again = await server.admin('/api/v1/admin/campaigns/rep2026/publish', { body: {} });
    expect(again.body.version).toBe(inForce + 1);
    expect((await (await pub()).json()).tally).toEqual(again.body.tally);
    expect((await server.admin('/api/v1/admin/campaigns/rep2026/publication')).body).toMatchObject({ publication: { version: inForce + 1 }, withdrawn: null });
    const after = await verifyExportLines((await (await get('/api/v1/admin/export?campaignId=rep2026&format=jsonl')).text()).trimEnd().split('\n'));
    expect(after.filter((r) => !r.ok)).toEqual([]);
    expect(after.find((r) => r.name === 'office decisions')!.detail).toContain(`publication ${inForce + 1} public`);
  });

  it('refuses to publish a provisional tally', async () => {
    const d = await enrollDevice(server, 'Ed25519', 'held2026');
    await send(d, await d.seal([d.f2f(), d.f2f()]));
    const r = await server.admin('/api/v1/admin/campaigns/held2026/publish', { body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('tally-provisional');
    expect((await fetch(`${server.url}/api/v1/public/campaigns/held2026`)).status).toBe(404);
    expect((await server.admin('/api/v1/admin/office-actions?campaignId=held2026')).body.actions.map((a: any) => a.action.action)).not.toContain('publish');
  });
});
