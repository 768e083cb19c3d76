import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignSchema } from '../../src/domain/campaign';
import { computeTally, effectiveAnswers, reviewedAggregate } from '../../src/domain/scoring';
import { csvExport } from '../../src/server/office/export-files';
import type { OfficeTables } from '../../src/server/office/tables';
import { verifyExportFile, verifyExportLines } from '../../src/server/office/verify/index';
import { availableBackends, serverProgram, startServer, type Place, type TestServer } from './harness';
import { DEMO_RATINGS, enrollDevice, H } from './device';
import { fieldDay, send } from './office-fixture';

const backends = await availableBackends();

describe.each(backends.map((b) => [b.name, b] as const))('office: exports and offline verification (%s)', (_name, backend) => {
  let place: Place;
  let server: TestServer;
  let jsonl: string;
  let sent: Awaited<ReturnType<typeof fieldDay>>;
  const get = (format: string, campaignId = 'demo') =>
    fetch(`${server.url}/api/v1/admin/export?campaignId=${campaignId}&format=${format}`, { headers: { authorization: `Bearer ${server.adminToken}` } });

  beforeAll(async () => {
    place = await backend.create();
    server = await startServer(place);
    sent = await fieldDay(server);
    await server.admin('/api/v1/admin/campaigns/demo/manual-scores', {
      method: 'PUT',
      body: { scores: { brigade1: { network: 90, daily: 80 } }, bonusRanking: ['brigade1'] },
    });
    const res = await get('jsonl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    jsonl = await res.text();
  });
  afterAll(async () => {
    await server?.close();
    await place?.destroy();
  });

  const lines = () => jsonl.trimEnd().split('\n');
  const verify = (ls: string[]) => verifyExportLines(ls);
  const failed = async (ls: string[]) => (await verify(ls)).filter((r) => !r.ok).map((r) => r.name);

  it('writes the verifiable JSONL: other campaigns only as leaf hashes, records and office actions as logged', async () => {
    const parsed = lines().map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({ kind: 'export', format: 'pingyi-export/1', campaignId: 'demo' });
    const records = parsed.filter((l) => l.kind === 'record');
    expect(records.map((l) => l.record)).toEqual(sent.records);
    expect(jsonl).not.toContain('"campaignId":"other"');
    const leaves = parsed.filter((l) => l.kind === 'leaves').flatMap((l) => l.hashes);
    // The other campaign's 3 records, its campaign version and its enrollment code.
    expect(leaves).toHaveLength(5);
    // The demo campaign's office actions in full at their leaves: its version 1 (written by the
    // server into the new store, the log's first leaf), 2 codes issued, the manual scores.
    const actions = parsed.filter((l) => l.kind === 'action');
    expect(actions.map((l) => l.action.action)).toEqual(['campaign-version', 'enrollment-code', 'enrollment-code', 'manual-scores']);
    expect(actions[0]).toMatchObject({ logIdx: 0, action: { actor: 'server', campaignId: 'demo', data: { version: 1, changes: [] } } });
    const listed = (await server.admin('/api/v1/admin/office-actions?campaignId=demo')).body.actions;
    expect(actions.map((l) => [l.logIdx, l.action])).toEqual(listed.map((a: any) => [a.logIndex, a.action]));
    expect(parsed.at(-1)).toEqual({ kind: 'end', devices: 2, batches: 3, records: sent.records.length, actions: 4, leaves: 5 });
  });

  it('passes every check of the offline verifier, from a file too', async () => {
    const results = await verify(lines());
    expect(results.map((r) => [r.name, r.ok, r.problems])).toEqual([
      ['format', true, []],
      ['server key', true, []],
      ['batch signatures', true, []],
      ['device chains', true, []],
      ['audit log', true, []],
      ['tally', true, []],
      ['office decisions', true, []],
      ['draws', true, []],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-export-'));
    try {
      writeFileSync(join(dir, 'e.jsonl'), jsonl);
      expect((await verifyExportFile(join(dir, 'e.jsonl'), { expectedKeyId: server.signer.keyId })).every((r) => r.ok)).toBe(true);
      expect((await verifyExportFile(join(dir, 'e.jsonl'), { expectedKeyId: 'someone-else' })).find((r) => r.name === 'server key')!.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm run verify exits 0 on the export and 1 on a tampered one, naming the failed check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingyi-cli-'));
    const run = (text: string) => {
      writeFileSync(join(dir, 'e.jsonl'), text);
      return spawnSync(process.execPath, [serverProgram('verify'), join(dir, 'e.jsonl')], { encoding: 'utf8' });
    };
    try {
      const ok = run(jsonl);
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^PASS {2}audit log: /m);
      expect(ok.stdout).toContain('All 8 checks passed');
      const bad = run(jsonl.replace(/("kind":"manual-scores".*?"network":)90/, '$199'));
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/^FAIL {2}tally: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('fails a changed record (its chain, the log root and the tally)', async () => {
    const ls = lines().map((l) =>
      l.includes('"overall":"neutral"') && l.startsWith('{"kind":"record"') ? l.replace('"overall":"neutral"', '"overall":"very"') : l,
    );
    expect(ls).not.toEqual(lines());
    expect(await failed(ls)).toEqual(['device chains', 'audit log', 'tally', 'office decisions']);
  });

  it('fails a removed record', async () => {
    const i = lines().findIndex((l) => l.startsWith('{"kind":"record"') && l.includes('"raterGroup":"client"'));
    const ls = lines().filter((_, j) => j !== i);
    expect(await failed(ls)).toEqual(expect.arrayContaining(['format', 'device chains', 'audit log', 'tally']));
  });

  it('fails a changed tally, even when re-signed figures are copied into it', async () => {
    const ls = lines().map((l) => (l.startsWith('{"kind":"tally"') ? l.replace(/"total":(\d+)/, (_m, n) => `"total":${Number(n) + 1}`) : l));
    expect(ls).not.toEqual(lines());
    const r = await verify(ls);
    const tally = r.find((x) => x.name === 'tally')!;
    expect(tally.ok).toBe(false);
    expect(tally.problems.join('\n')).toContain('signature');
    expect(tally.problems.join('\n')).toMatch(/total/);
  });

  it('fails changed manual scores and a truncated file', async () => {
    const ls = lines().map((l) => (l.startsWith('{"kind":"manual-scores"') ? l.replace('"network":90', '"network":99') : l));
    expect(await failed(ls)).toEqual(['tally', 'office decisions']);
    expect(await failed(lines().slice(0, -3))).toEqual(expect.arrayContaining(['format']));
  });

  it('names a logged decision that was changed or left out of the export', async () => {
    const isAction = (l: string) => l.startsWith('{"kind":"action"') && l.includes('"action":"manual-scores"');
    const changed = lines().map((l) => (isAction(l) ? l.replace('"network":90', '"network":99') : l));
    expect(changed).not.toEqual(lines());
    const r = await verify(changed);
    expect(r.filter((x) => !x.ok).map((x) => x.name)).toEqual(['audit log', 'office decisions']);
    expect(r.find((x) => x.name === 'office decisions')!.problems.join('\n')).toMatch(
      /manual scores: the export's figures are not those logged at leaf \d+ \(manual-scores by admin-token/,
    );

    const removed = lines().filter((l) => !isAction(l));
    const m = await verify(removed);
    expect(m.filter((x) => !x.ok).map((x) => x.name)).toEqual(['format', 'audit log', 'office decisions']);
    const problems = m.find((x) => x.name === 'office decisions')!.problems;
    expect(problems[0]).toBe('manual scores: the export holds figures that no logged decision entered');
    expect(problems.slice(1).every((x) => x.startsWith('the signed tally does not follow from the logged decisions: tally/units/'))).toBe(true);
  });

  it('names the decision when the server signs a tally of figures the log does not hold', async () => {
    // A server that changes the figures and signs a tally of them: every signature holds, the
    // tally follows from the export's manual-scores line, but not from the logged decision.
    const parsed = lines().map((l) => JSON.parse(l));
    const campaign = CampaignSchema.parse(parsed.find((l) => l.kind === 'campaign').campaign);
    const manual = { scores: { brigade1: { network: 99, daily: 80 } }, bonusRanking: ['brigade1'] };
    const signed = parsed.find((l) => l.kind === 'tally').tally;
    const records = parsed.filter((l) => l.kind === 'record').map((l) => l.record);
    const { aggregate, counts } = reviewedAggregate(effectiveAnswers(records), () => 'counted');
    const forged = computeTally(campaign, aggregate, manual, signed, parsed.find((l) => l.kind === 'vetoes')?.vetoes ?? {}, counts);
    const ls = lines().map((l) => {
      if (l.startsWith('{"kind":"manual-scores"')) return JSON.stringify({ ...JSON.parse(l), ...manual });
      if (l.startsWith('{"kind":"tally"')) return JSON.stringify({ kind: 'tally', tally: forged, serverSig: server.signer.sign(forged) });
      return l;
    });
    const r = await verify(ls);
    expect(r.filter((x) => !x.ok).map((x) => x.name)).toEqual(['office decisions']);
    const problems = r.find((x) => x.name === 'office decisions')!.problems.join('\n');
    expect(problems).toMatch(/manual scores: the export's figures are not those logged at leaf \d+/);
    expect(problems).toContain('the signed tally does not follow from the logged decisions');
  });

  it('exports CSV with a BOM, readable labels, and sealed fields as ciphertext', async () => {
    const res = await get('csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(sent.records.length + 1);
    expect(rows[0]).toContain('被评单位');
    expect(rows[0]).toContain('信息公开');
    expect(rows[1]).toContain('执法一大队');
    expect(rows[1]).toContain('专家代表');
    expect(rows[1]).toContain('满意');
    expect(text).toContain(`'=HYPERLINK(""x"") 办事快`);
    expect(text).toContain('Q0lQSEVSVEVYVA');
    expect(text).not.toContain('另一评议活动');
  });

  it('exports XLSX that reads back with a row per record', async () => {
    const res = await get('xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('记录')!;
    expect(sheet.rowCount).toBe(sent.records.length + 1);
    expect(sheet.getRow(2).values).toContain('执法一大队');
  });

  it('refuses an unknown format or campaign', async () => {
    expect((await get('pdf')).status).toBe(400);
    expect((await get('csv', 'nope')).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/admin/export?campaignId=demo&format=csv`)).status).toBe(401);
  });

  it('says what counts: a status per row, Shanghai times, ids beside names, and a 说明 sheet; a pivot over counted rows is the tally', async () => {
    // The pivot of the issue: 执法一大队 专家代表, one questionnaire voided and one amended.
    const d = await enrollDevice(server, 'Ed25519');
    const rate = (level: string) => Object.fromEntries(Object.keys(DEMO_RATINGS).map((k) => [k, level]));
    const [fairly, neutral, held] = await d.seal([
      d.f2f({ unitId: 'brigade1', raterGroup: 'expert', overall: 'fairly', ratings: rate('fairly') }),
      d.f2f({ unitId: 'brigade1', raterGroup: 'expert', overall: 'neutral', ratings: rate('neutral') }),
      d.f2f({ unitId: 'brigade2', raterGroup: 'client', overall: 'very', ratings: rate('very') }),
    ]);
    await send(d, [fairly!, neutral!, held!]);
    const fixes = await d.seal([
      d.unsealed('void', { targetId: fairly!.id, targetHash: await H(fairly!), reason: '重复录入' }),
      d.unsealed('amend', { targetId: neutral!.id, targetHash: await H(neutral!), reason: '录入错误', body: { ...neutral!.body, overall: 'very' } }),
    ]);
    await send(d, fixes);
    const review = await server.admin('/api/v1/admin/campaigns/demo/review', { body: { decision: 'exclude', hashes: [await H(held!)], reason: '核实为补录' } });
    expect(review.status).toBe(200);

    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await get('csv')).arrayBuffer());
    const [head, ...body] = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const col = (name: string) => head!.indexOf(name);
    const byId = new Map(body.map((r) => [r[col('记录编号')], r]));
    const status = (id: string) => byId.get(id)?.[col('状态')];
    expect(status(fairly!.id)).toBe('voided');
    expect(status(neutral!.id)).toBe('superseded');
    expect(status(fixes[1]!.id)).toBe('counted');
    expect(status(fixes[0]!.id)).toBe('correction');
    expect(status(held!.id)).toBe('excluded');
    expect(byId.get(held!.id)![col('状态说明')]).toBe('已剔除（审核决定），不计入');
    // The fixture's own: the amended original, its amend, the voided one, a finding and a forum note.
    const original = sent.records[1]!;
    expect(status(original.id)).toBe('superseded');
    expect(status(sent.records[4]!.id)).toBe('voided');
    expect(new Set(sent.records.filter((r) => r.type === 'visit' || r.type === 'forum').map((r) => status(r.id)))).toEqual(new Set(['other']));
    expect(new Set(body.map((r) => r[col('状态')]))).toEqual(new Set(['counted', 'excluded', 'voided', 'superseded', 'correction', 'other']));
    // Times in Asia/Shanghai, the same instants.
    const row = byId.get(fairly!.id)!;
    expect(row[col('封存时间')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(row[col('封存时间')]!)).toBe(Date.parse(fairly!.sealedAt));
    expect(row[col('接收时间')]).toMatch(/\+08:00$/);
    expect([row[col('被评单位')], row[col('被评单位编号')], row[col('评议主体')], row[col('评议主体编号')]]).toEqual([
      '执法一大队',
      'brigade1',
      '专家代表',
      'expert',
    ]);

    // The pivot: mean overall score of 执法一大队 × 专家代表 over the counted rows is the tally's.
    const score = new Map(CampaignSchema.parse((await server.admin('/api/v1/admin/campaigns/demo')).body).scale.map((l) => [l.label, l.score]));
    const pivot = (rows: string[][]) => {
      const xs = rows
        .filter((r) => r[col('被评单位编号')] === 'brigade1' && r[col('评议主体编号')] === 'expert')
        .map((r) => score.get(r[col('总体评价')]!))
        .filter((x): x is number => typeof x === 'number');
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const tally = (await server.admin('/api/v1/admin/campaigns/demo/tally')).body.tally;
    const expert = tally.units.find((u: any) => u.unitId === 'brigade1').survey.byGroup.expert.score;
    expect(expert).toBe(100);
    expect(pivot(body.filter((r) => r[col('状态')] === 'counted'))).toBe(expert);
    expect(pivot(body)).not.toBe(expert); // every row, as the old export invited: 85

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await get('xlsx')).arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['记录', '说明']);
    const sheetHead = (wb.getWorksheet('记录')!.getRow(1).values as unknown[]).slice(1);
    expect(sheetHead).toEqual(head);
    const explained = new Map<string, string>();
    wb.getWorksheet('说明')!.eachRow((r) => explained.set(String(r.getCell(1).value), String(r.getCell(2).value)));
    for (const h of head!) expect(explained.get(h), h).toBeTruthy();
    for (const code of ['counted', 'held', 'excluded', 'voided', 'superseded', 'correction', 'other']) expect(explained.has(code), code).toBe(true);
  });
  it('reads a csv or xlsx export in one snapshot: the log size it states, its rows and their statuses agree, whatever is decided meanwhile', async () => {
    const d = await enrollDevice(server, 'Ed25519');
    const [q] = await d.seal([d.f2f({ unitId: 'brigade1', raterGroup: 'public' })]);
    await send(d, [q!]);
    const statusIn = (csv: string) => {
      const [head, ...rows] = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
      return { rows: rows.length, status: rows.find((r) => r[head!.indexOf('记录编号')] === q!.id)?.[head!.indexOf('状态')] };
    };
    const res = await get('csv');
    expect(res.headers.get('x-pingyi-log-size')).toBe(String((await server.store.logHead()).size));
    const before = statusIn(await res.text());
    expect(before.status).toBe('counted');
    const campaign = CampaignSchema.parse((await server.admin('/api/v1/admin/campaigns/demo')).body);

    // Inside a snapshot, the office excludes the questionnaire and the tablet sends another: the
    // snapshot still reads the log, the rows and the statuses as they were when it began.
    const inside = await server.store.readSnapshot(async (db) => {
      const size = async () => (await db.selectFrom('log_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow()).size;
      const at = await size();
      const review = await server.admin('/api/v1/admin/campaigns/demo/review', { body: { decision: 'exclude', hashes: [await H(q!)], reason: '核实为补录' } });
      expect(review.status).toBe(200);
      await send(d, await d.seal([d.f2f({ unitId: 'brigade2', raterGroup: 'public' })]));
      expect(await size()).toBe(at);
      let csv = '';
      for await (const chunk of csvExport(db.withTables<OfficeTables>(), campaign, at)) csv += chunk;
      return { at, ...statusIn(csv) };
    });
    expect(inside).toEqual({ at: Number(res.headers.get('x-pingyi-log-size')), ...before });

    // Read again, the export states the larger log, with the decision and the new questionnaire.
    const after = await get('csv');
    expect(Number(after.headers.get('x-pingyi-log-size'))).toBe((await server.store.logHead()).size);
    expect(Number(after.headers.get('x-pingyi-log-size'))).toBeGreaterThan(inside.at);
    expect(statusIn(await after.text())).toEqual({ rows: before.rows + 1, status: 'excluded' });
    const xlsx = await get('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    let stated: unknown;
    wb.getWorksheet('说明')!.eachRow((r) => {
      if (r.getCell(1).value === '审计日志') stated = r.getCell(2).value;
    });
    expect(stated).toBe(Number(xlsx.headers.get('x-pingyi-log-size')));
  });
});
