import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { FindingsPage } from '../../../src/ui/console/findings/FindingsPage';
import { RecordView } from '../../../src/ui/console/records/RecordView';
import { unlockCampaignKey } from '../../../src/ui/console/findings/keyring';
import { UnlockError, type CampaignKey, type KeyFileOpener } from '../../../src/ui/console/findings/keyring';
import type { Finding } from '../../../src/ui/console/api-types';
import { DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { uuidv7 } from '../../../src/domain/ids';
import type { PingyiRecord } from '../../../src/domain/records';
import { encryptBlob, encryptSecret } from '../../../src/platform/hpke';
import { sha256Hex } from '../../../src/protocol/canon';
import { MIN_ITERATIONS, protectCampaignKey } from '../../../src/protocol/keyfile';
import { CAMPAIGN } from './fake-server';
import { renderPage } from './render';

const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]);

/** A covert visit as a tablet seals it: description and names and the photo encrypted to the campaign key. */
async function sealedVisit(photo = PHOTO, mime = 'image/jpeg'): Promise<{ finding: Finding; blob: Uint8Array }> {
  const id = uuidv7();
  const sealed = await encryptSecret(CAMPAIGN.encryptionKey!, id, { description: '窗口工作人员索要好处费', names: '张某（工号 0371）' });
  const blob = await encryptBlob(CAMPAIGN.encryptionKey!, id, photo);
  const record: PingyiRecord = {
    v: 1,
    type: 'visit',
    id,
    campaignId: 'demo',
    deviceId: 'dev-insp',
    seq: 3,
    prev: 'a'.repeat(64),
    collector: '周敏',
    createdAt: '2026-11-20T02:00:00.000Z',
    sealedAt: '2026-11-20T02:05:00.000Z',
    body: { unitId: 'approval', mode: 'covert', visitedAt: '2026-11-20T01:40:00.000Z', place: '政务大厅 3 号窗口', categories: ['bribe'], severity: 'grave' },
    sealed,
    attachments: [{ sha256: await sha256Hex(blob), bytes: blob.length, mime, sealed: true }],
  };
  return { finding: { hash: 'f'.repeat(64), receivedAt: '2026-11-20T09:00:00.000Z', record, amendments: [], voided: null }, blob };
}

/** The page with the key held by its parent, as the console frame holds it. */
function Holder({ open }: { open?: KeyFileOpener }) {
  const [key, setKey] = useState<CampaignKey | null>(null);
  return <FindingsPage campaignKey={key} onKey={setKey} open={open} />;
}

async function mount(open?: KeyFileOpener, photo?: Uint8Array<ArrayBuffer>, mime?: string) {
  const { finding, blob } = await sealedVisit(photo, mime);
  const { server } = renderPage(<Holder open={open} />, {
    'GET /api/v1/admin/campaigns/demo/findings': () => ({ body: { campaignId: 'demo', findings: [finding] } }),
    [`GET /api/v1/admin/blobs/${finding.record.attachments![0]!.sha256}`]: () => ({ bytes: blob }),
  });
  await screen.findByText('政务大厅 3 号窗口');
  return server;
}

function chooseKeyFile(content: string, passphrase: string) {
  const file = new NodeFile([content], 'demo.pingyi-key', { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('私钥文件'), { target: { files: [file] } });
  fireEvent.input(screen.getByLabelText('私钥密码'), { target: { value: passphrase } });
  fireEvent.click(screen.getByRole('button', { name: '解锁' }));
}

describe('findings page', () => {
  // Under jsdom, ArrayBuffer and Uint8Array come from another realm than Node's WebCrypto, which then
  // refuses the buffers @hpke/core makes; a browser has one realm, so the tests use Node's.
  beforeEach(() => {
    vi.stubGlobal('ArrayBuffer', Buffer.alloc(1).buffer.constructor);
    vi.stubGlobal('Uint8Array', Object.getPrototypeOf(Buffer.prototype).constructor);
    vi.stubGlobal('Blob', NodeBlob);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the open facts while locked, and never the description', async () => {
    const server = await mount();
    expect(screen.getByText('尚未解锁：只显示未加密的信息。')).toBeTruthy();
    expect(screen.getByText('吃拿卡要')).toBeTruthy();
    expect(await screen.findByText('加密照片（需要活动私钥）')).toBeTruthy();
    expect(document.body.textContent).not.toContain('好处费');
    // Nothing is downloaded that cannot be opened.
    expect(server.seen.some((s) => s.path.startsWith('/api/v1/admin/blobs/'))).toBe(false);
  });

  it('decrypts description, names and the covert photo in the browser with the key file', { timeout: 30_000 }, async () => {
    const server = await mount();
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (created.push(b), `blob:test/${created.length}`);
    URL.revokeObjectURL = () => {};
    chooseKeyFile(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK), '');
    const secret = await screen.findByTestId('secret', {}, { timeout: 5000 });
    expect(secret.textContent).toContain('窗口工作人员索要好处费');
    expect(secret.textContent).toContain('张某（工号 0371）');
    expect(screen.getByRole('status').textContent).toContain('仅保存在本页内存中');
    await waitFor(() => expect(created).toHaveLength(1), { timeout: 5000 });
    expect([...new Uint8Array(await created[0]!.arrayBuffer())]).toEqual([...PHOTO]);
    expect(created[0]!.type).toBe('image/jpeg');
    expect(server.seen.filter((s) => s.path.startsWith('/api/v1/admin/blobs/'))).toHaveLength(1);
    // The key is nowhere the page could persist it.
    expect(JSON.stringify({ ...localStorage })).not.toContain(DEMO_CAMPAIGN_PRIVATE_JWK.d);
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(DEMO_CAMPAIGN_PRIVATE_JWK.d);
    // Locking forgets it.
    fireEvent.click(screen.getByRole('button', { name: '锁定（从内存清除）' }));
    await waitFor(() => expect(screen.queryByTestId('secret')).toBeNull());
  });

  it('never shows a sealed SVG as an image, whatever its declared type: it is offered as opaque bytes', { timeout: 30_000 }, async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>parent.pwned=1</script></svg>');
    await mount(undefined, svg, 'image/svg+xml');
    const created: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (created.push(b), `blob:test/${created.length}`);
    URL.revokeObjectURL = () => {};
    chooseKeyFile(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK), '');
    const shown = await screen.findByTestId('not-image', {}, { timeout: 10_000 });
    expect(shown.textContent).toContain('此附件不是图片');
    expect(document.querySelector('img')).toBeNull();
    expect(created.map((b) => b.type)).toEqual(['application/octet-stream']);
    // A real photo declared as anything is shown with the type its bytes say.
    cleanup();
    await mount(undefined, PHOTO, 'text/html');
    chooseKeyFile(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK), '');
    await waitFor(() => expect(document.querySelector('img.c-photo')).not.toBeNull(), { timeout: 10_000 });
    expect(created.at(-1)!.type).toBe('image/jpeg');
  });

  it('opens a passphrase-protected key file as the admin tool writes it', { timeout: 30_000 }, async () => {
    await mount();
    const file = await protectCampaignKey(DEMO_CAMPAIGN_PRIVATE_JWK, '评议 2026 口令', {
      campaignId: 'demo',
      iterations: MIN_ITERATIONS,
      createdAt: '2026-05-01T00:00:00.000Z',
    });
    chooseKeyFile(JSON.stringify(file), '评议 2026 口令');
    expect((await screen.findByTestId('secret', {}, { timeout: 10_000 })).textContent).toContain('窗口工作人员索要好处费');
  });

  it('says the passphrase is wrong and keeps everything locked', { timeout: 30_000 }, async () => {
    await mount();
    const file = await protectCampaignKey(DEMO_CAMPAIGN_PRIVATE_JWK, 'the right one', {
      campaignId: 'demo',
      iterations: MIN_ITERATIONS,
      createdAt: '2026-05-01T00:00:00.000Z',
    });
    chooseKeyFile(JSON.stringify(file), 'not the passphrase');
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('密码不正确，或私钥文件已损坏');
    expect((screen.getByLabelText('私钥密码') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('secret')).toBeNull();
    expect(screen.getByText('尚未解锁：只显示未加密的信息。')).toBeTruthy();
  });

  it('names the campaign a key file belongs to when it is another one', { timeout: 30_000 }, async () => {
    await mount();
    const file = await protectCampaignKey(DEMO_CAMPAIGN_PRIVATE_JWK, 'pass phrase', {
      campaignId: 'city-2025',
      iterations: MIN_ITERATIONS,
      createdAt: '2026-05-01T00:00:00.000Z',
    });
    chooseKeyFile(JSON.stringify(file), 'pass phrase');
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toContain('不属于当前评议活动（文件对应：city-2025）');
  });

  it('says so when the file is not a key file at all', async () => {
    await mount();
    chooseKeyFile('{"hello":"world"}', 'anything');
    expect((await screen.findByRole('alert')).textContent).toContain('这不是评议通的活动私钥文件');
  });

  it('refuses a key of another campaign before trying any record', async () => {
    await mount();
    const other = (await crypto.subtle.exportKey(
      'jwk',
      ((await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair).privateKey,
    )) as JsonWebKey;
    chooseKeyFile(JSON.stringify({ kty: 'EC', crv: 'P-256', x: other.x, y: other.y, d: other.d }), '');
    expect((await screen.findByRole('alert')).textContent).toContain('与当前评议活动的公钥不匹配');
  });

  it('asks for the passphrase of a protected key file before opening it', async () => {
    const opened: string[] = [];
    await mount(async (_t, p) => {
      opened.push(p);
      throw new UnlockError('wrong-passphrase');
    });
    chooseKeyFile('{"format":"pingyi-campaign-key","v":1}', '');
    expect((await screen.findByRole('alert')).textContent).toContain('请输入私钥密码');
    expect(opened).toEqual([]);
  });

  it('shows the decrypted part in the records view once the key is unlocked', { timeout: 30_000 }, async () => {
    const { finding } = await sealedVisit();
    const campaignKey = await unlockCampaignKey(JSON.stringify(DEMO_CAMPAIGN_PRIVATE_JWK), '', CAMPAIGN, async () => {
      throw new Error('not used for a bare training key');
    });
    renderPage(<RecordView item={finding} campaign={CAMPAIGN} onClose={() => {}} />, {}, { campaignKey });
    expect((await screen.findByTestId('secret', {}, { timeout: 5000 })).textContent).toContain('张某（工号 0371）');
    expect(screen.queryByText(/在“暗访问题”页解锁活动私钥后/)).toBeNull();
  });
});
