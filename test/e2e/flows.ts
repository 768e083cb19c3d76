import type { Page } from 'playwright-core';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { Draft, StoredRecord } from '../../src/store/db';
import { readStore, until, type TestServer } from './harness';

// What a representative does on the tablet, step by step through the real screens (roles and
// visible Chinese labels, as a person sees them; the app's default language is 简体中文).

/** The home screen is up (the 面对面评议 tile is there). */
export async function openHome(page: Page, baseUrl?: string): Promise<void> {
  if (baseUrl) await page.goto(baseUrl + '/');
  else await page.goto(new URL('/#/', page.url()).href);
  await page.getByTestId('tile-f2f').waitFor();
}

/** 面对面评议: chooses the unit (and keeps 设点咨询), then 开始评议. */
export async function startF2f(page: Page, unitName: string): Promise<void> {
  await page.getByTestId('tile-f2f').click();
  await page.getByRole('radio', { name: unitName, exact: true }).click();
  await page.getByRole('button', { name: '开始评议' }).click();
  await page.getByRole('radiogroup', { name: '评议主体' }).waitFor();
}

export interface F2fAnswers {
  group: string; // 专家代表 / 群众代表 / 服务对象
  /** A scale label per dimension label, e.g. { 信息公开: '满意' }; unnamed dimensions get `rest`. */
  ratings?: Record<string, string>;
  rest?: string;
  overall?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One option of a radiogroup by its whole label (满意 must not match 不满意 or 较满意); a chosen
 * chip may show a check mark before its label.
 */
export function option(page: Page, group: string, label: string) {
  return page.getByRole('radiogroup', { name: group, exact: true }).getByRole('radio', { name: new RegExp(`^(✓\\s*)?${escape(label)}$`) });
}

/** True when that option is the chosen one. */
export async function isChosen(page: Page, group: string, label: string): Promise<boolean> {
  return (await option(page, group, label).getAttribute('aria-checked')) === 'true';
}

/** Taps one option of a radiogroup and waits until it shows as chosen. */
export async function choose(page: Page, group: string, level: string): Promise<void> {
  const radio = option(page, group, level);
  await radio.click();
  await until(
    `${group}: ${level} chosen`,
    () => radio.getAttribute('aria-checked', { timeout: 2000 }),
    (v) => v === 'true',
  );
}

/** Answers the questionnaire: rater group, every dimension, overall. */
export async function answerF2f(page: Page, a: F2fAnswers): Promise<void> {
  await choose(page, '评议主体', a.group);
  for (const d of DEMO_CAMPAIGN.dimensions) {
    const level = a.ratings?.[d.label] ?? a.rest;
    if (level) await choose(page, d.label, level);
  }
  if (a.overall) await choose(page, '总体评价', a.overall);
}

/** Taps 提交/封存 and waits until the questionnaire has been sealed (the count goes up). */
export async function sealF2f(page: Page, countBefore: number): Promise<void> {
  await page.getByRole('button', { name: '提交/封存' }).click();
  const want = `已封存 ${countBefore + 1} 份`;
  await until(
    want,
    () => page.getByTestId('f2f-counter').innerText(),
    (t) => t.includes(want),
  );
}

/** The sealed records of the tablet's database, by seq. */
export async function storedRecords(page: Page): Promise<StoredRecord[]> {
  const all = await readStore<StoredRecord>(page, 'records');
  return all.sort((a, b) => a.seq - b.seq);
}

export function storedDrafts(page: Page): Promise<Draft[]> {
  return readStore<Draft>(page, 'drafts');
}

/** In-app navigation by hash (works offline: no request leaves the page). */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => (location.hash = h), hash);
}

/** The stored photos with their bytes (Blobs cannot leave the page as they are). */
export function storedBlobs(page: Page): Promise<{ sha256: string; mime: string; sealed: boolean; bytes: number[] }[]> {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('pingyi');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('blobs').objectStore('blobs').getAll();
          req.onerror = () => fail(req.error);
          req.onsuccess = async () => {
            open.result.close();
            const rows = req.result as { sha256: string; mime: string; sealed: boolean; data: Blob }[];
            ok(
              await Promise.all(
                rows.map(async (r) => ({ sha256: r.sha256, mime: r.mime, sealed: r.sealed, bytes: Array.from(new Uint8Array(await r.data.arrayBuffer())) })),
              ),
            );
          };
        };
      }),
  );
}

/** What a 明察暗访 finding in a browser test says; the photo is picked from files. */
export interface Finding {
  unit: string;
  mode: '明察' | '暗访';
  place: string;
  category: RegExp;
  severity: string;
  description: string;
  photoName: string;
}

/** Fills and seals a finding with one photo (暗访: description and photo are encrypted at seal time). */
export async function recordFinding(page: Page, f: Finding, photo: Uint8Array): Promise<void> {
  await go(page, '#/visit');
  await choose(page, '被查单位', f.unit);
  await choose(page, '方式', f.mode);
  await page.getByRole('button', { name: '现在', exact: true }).click();
  await page.getByRole('textbox', { name: '地点', exact: true }).fill(f.place);
  await page.getByRole('group', { name: '问题类别' }).getByRole('button', { name: f.category }).click();
  await choose(page, '严重程度', f.severity);
  await page.getByRole('textbox', { name: '情况描述', exact: true }).fill(f.description);
  await page.getByLabel('从相册选择').setInputFiles({ name: f.photoName, mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
  await page.getByRole('img', { name: '照片 1' }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: '提交/封存' }).click();
  await page.getByRole('status').getByText('已封存').first().waitFor();
}

/** The office issues a code for the demo campaign and the tablet enrolls with it on 登记设备. */
export async function enrollTablet(page: Page, server: TestServer, role: 'representative' | 'inspector', collector: string): Promise<void> {
  const { code } = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', { campaignId: 'demo', role, collector });
  await go(page, '#/enroll');
  await page.getByTestId('enroll-code').fill(code);
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('enroll-done').waitFor({ timeout: 20_000 });
}

/** A staff account of the office console (created on the server with `addStaff`). */
export interface Staff {
  username: string;
  password: string;
}

/** The office administrator most browser tests sign in as. */
export const OFFICE_ADMIN = { username: 'wang.li', password: 'correct horse battery', role: 'office-admin', displayName: '王丽' } as const;

/** Creates a staff account through the admin API (default: the office administrator 王丽). */
export async function addStaff(server: TestServer, who: Staff & { role: string; displayName?: string } = OFFICE_ADMIN): Promise<void> {
  await server.admin('POST', '/api/v1/admin/users', who);
}

/**
 * Opens the console and signs in on its form (用户名, 密码, 登录), then waits until the console
 * shows who is signed in. With `keepSession`, a session the profile still holds is used as it is.
 */
export async function signInConsole(page: Page, baseUrl: string, who: Staff = OFFICE_ADMIN, o: { keepSession?: boolean } = {}): Promise<void> {
  await page.goto(`${baseUrl}/#/console`);
  const signedIn = page.getByTestId('who');
  if (o.keepSession) {
    await Promise.race([signedIn.waitFor(), page.getByLabel('用户名').waitFor()]);
    if (await signedIn.isVisible()) return;
  }
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await signedIn.waitFor();
}
