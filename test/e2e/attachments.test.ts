import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../src/domain/demo-campaign';
import { isoTime, uuidv7 } from '../../src/domain/ids';
import type { UnsealedRecord } from '../../src/domain/records';
import { encryptBlob, encryptSecret } from '../../src/platform/hpke';
import { chainRecords, signBatch, signBlob, signEnrollment, type DeviceKey } from '../../src/protocol/build';
import { sha256Hex, ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, parsePublicJwk } from '../../src/protocol/keys';
import { firstPage, until, watchPage, type TestServer, browserFixture } from './harness';

// A tablet's attachment is hostile input: an HPKE-sealed SVG with script and an unsealed HTML page
// must never run in the office's browser, neither in the console nor opened on their own.

const PERSON = { username: 'office.li', role: 'office-admin', password: 'a long enough password' };

/** A tablet stand-in over HTTP: enrolls, uploads blobs, sends one batch. */
async function tablet(server: TestServer) {
  const { code } = await server.admin<{ code: string }>('POST', '/api/v1/admin/enrollment-codes', {
    campaignId: 'demo',
    role: 'inspector',
    collector: 'insp-zhou',
  });
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicJwk = minimalJwk(parsePublicJwk('Ed25519', await crypto.subtle.exportKey('jwk', keys.publicKey))!);
  const keyId = await jwkThumbprint(publicJwk);
  const proof = await signEnrollment('Ed25519', keys.privateKey, code, keyId);
  const res = await fetch(`${server.url}/api/v1/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, alg: 'Ed25519', publicJwk, label: 'hostile', proof }),
  });
  const enrolled = (await res.json()) as { deviceId: string; collector: string };
  const key: DeviceKey = { deviceId: enrolled.deviceId, keyId, alg: 'Ed25519', privateKey: keys.privateKey };
  return {
    deviceId: enrolled.deviceId,
    async upload(bytes: Uint8Array): Promise<string> {
      const sha256 = await sha256Hex(bytes);
      const r = await fetch(`${server.url}/api/v1/blobs/${sha256}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'x-pingyi-device': key.deviceId, 'x-pingyi-sig': await signBlob(key, sha256) },
        body: bytes as BodyInit,
      });
      if (r.status >= 300) throw new Error(`blob upload: ${r.status} ${await r.text()}`);
      return sha256;
    },
    /** Sends each record in a batch of its own; answers the statuses. */
    async send(items: UnsealedRecord[]): Promise<number[]> {
      let seq = 1;
      let prev = ZERO;
      const out: number[] = [];
      for (const item of items) {
        const { records, headHash } = await chainRecords([item], { startSeq: seq, prevHash: prev, sealedAt: () => isoTime(Date.now()) });
        const r = await fetch(`${server.url}/api/v1/batches`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(await signBatch(records, key, isoTime(Date.now()))),
        });
        out.push(r.status);
        if (r.status === 200) {
          seq += 1;
          prev = headHash;
        }
      }
      return out;
    },
    visit(id: string, body: Record<string, unknown>, extra: Partial<UnsealedRecord>): UnsealedRecord {
      return {
        v: 1,
        type: 'visit',
        id,
        campaignId: 'demo',
        deviceId: key.deviceId,
        collector: enrolled.collector,
        createdAt: isoTime(Date.now()),
        body,
        ...extra,
      } as UnsealedRecord;
    },
  };
}

/** What any script in an attachment would do with the office's session. */
const payload = (deviceId: string, tag: string) =>
  `localStorage.setItem('pwned','${tag}');fetch('/api/v1/admin/devices/${deviceId}/revoke',{method:'POST',headers:{'content-type':'application/json'},body:'{}'});`;

describe('attachments in the office console', () => {
  const fx = browserFixture('attachments');

  it('never runs the script of a sealed SVG or an HTML "photo", shows neither as an image, and keeps a strict CSP', async (t) => {
    fx.watch(t);
    const s = fx.server!;
    const tab = await tablet(s);
    const victim = await tablet(s); // the device the scripts would revoke
    const covertId = uuidv7();
    const svg = new TextEncoder().encode(
      `<svg xmlns="http://www.w3.org/2000/svg" onload="${payload(victim.deviceId, 'svg-onload')}"><script>${payload(victim.deviceId, 'svg')}</script><rect width="10" height="10"/></svg>`,
    );
    const sealedSvg = await encryptBlob(DEMO_CAMPAIGN.encryptionKey!, covertId, svg);
    const html = new TextEncoder().encode(`<!doctype html><html><body><script>${payload(victim.deviceId, 'html')}</script></body></html>`);
    const svgSha = await tab.upload(sealedSvg);
    const htmlSha = await tab.upload(html);
    const where = { unitId: 'approval', visitedAt: '2026-11-21T09:00:00.000Z', categories: ['bribe'], severity: 'grave' };
    const statuses = await tab.send([
      tab.visit(
        covertId,
        { ...where, mode: 'covert', place: '三号窗口' },
        {
          sealed: await encryptSecret(DEMO_CAMPAIGN.encryptionKey!, covertId, { description: '索要好处费' }),
          // The server refuses a declared image/svg+xml, and cannot read a sealed attachment's bytes:
          // the attack left is an SVG inside the ciphertext declared as a JPEG.
          attachments: [{ sha256: svgSha, bytes: sealedSvg.length, mime: 'image/jpeg', sealed: true }],
        },
      ),
      tab.visit(
        uuidv7(),
        { ...where, mode: 'open', place: '五号窗口' },
        { attachments: [{ sha256: htmlSha, bytes: html.length, mime: 'text/html', sealed: false }] },
      ),
    ]);
    expect(statuses[0]).toBe(200);
    // The server may refuse the HTML "photo" at batch time; either way it must never run.
    const htmlStored = statuses[1] === 200;
    await s.admin('POST', '/api/v1/admin/users', PERSON);

    const ctx = await fx.profile.open();
    const page = await firstPage(ctx);
    watchPage(page, fx.log);
    const csp: string[] = [];
    const dialogs: string[] = [];
    ctx.on('console', (m) => (/Content Security Policy/i.test(m.text()) ? csp.push(m.text()) : undefined));
    ctx.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.goto(s.url + '/');
    await page.evaluate(async (p) => {
      const r = await fetch('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: p.username, password: p.password }),
      });
      if (!r.ok) throw new Error(`sign-in ${r.status}`);
    }, PERSON);
    await page.goto(s.url + '/#/console/findings');
    await page.getByText('三号窗口').first().waitFor({ timeout: 20_000 });
    await page
      .getByLabel('私钥文件')
      .setInputFiles({ name: 'demo.pingyi-key', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK)) });
    await page.getByRole('button', { name: '解锁' }).click();
    await page.getByText('索要好处费').first().waitFor({ timeout: 20_000 });
    const notImages = page.getByTestId('not-image');
    await until(
      'the attachments recognised as not images',
      () => notImages.count(),
      (n) => n === (htmlStored ? 2 : 1),
      20_000,
    );
    expect(await page.locator('img.c-photo').count()).toBe(0);

    // Every URL the page offers for them, opened in its own tab (as "open image in new tab" would).
    const urls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement | HTMLImageElement>('.c-photos a[href], .c-photos img[src]')].map((e) => ('href' in e ? e.href : e.src)),
    );
    expect(urls.length).toBeGreaterThan(0);
    const opened = async (url: string) => {
      const other = await ctx.newPage();
      await other.goto(url, { timeout: 10_000 }).catch(() => undefined); // a download aborts the navigation
      await new Promise((r) => setTimeout(r, 300));
      await other.close();
    };
    for (const url of urls) await opened(url);
    // The admin blob address itself, with the session cookie.
    for (const sha of [svgSha, htmlSha]) await opened(`${s.url}/api/v1/admin/blobs/${sha}`);

    await page.goto(s.url + '/#/console/devices');
    expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
    const devices = await s.admin<{ devices: { deviceId: string; revokedAt: string | null }[] }>('GET', '/api/v1/admin/devices');
    expect(devices.devices.find((d) => d.deviceId === victim.deviceId)!.revokedAt).toBeNull();
    expect(dialogs).toEqual([]);
    await page.goto(s.url + '/#/console/records');
    await page.goto(s.url + '/');
    await page.waitForLoadState('networkidle');
    expect(csp).toEqual([]);
  });
});
