import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CAMPAIGN, DEMO_CAMPAIGN_PRIVATE_JWK } from '../../../src/domain/demo-campaign';
import { validateRecord } from '../../../src/domain/validate';
import { decryptBlob, decryptSealed } from '../../../src/platform/hpke';
import { sha256Hex } from '../../../src/protocol/canon';
import { hasExif, hasMetadata } from '../../../src/store/jpeg';
import VisitScreen from '../../../src/ui/forms/visit/VisitScreen';
import { VisitEditor } from '../../../src/ui/forms/visit/VisitEditor';
import { missingVisit } from '../../../src/ui/forms/visit/model';
import { jpegWithExif } from './fixtures/chromium-jpeg';
import { closeHarness, lookupIn, makeHarness, renderWith, useNodeRealm, type Harness } from './harness';
import { button, option, question } from './queries';

let h: Harness | undefined;
const drawn: number[][] = [];
beforeEach(() => {
  useNodeRealm();
  drawn.length = 0;
  // The browser codec's two calls, faked: a 4032×3024 camera photo whose "re-encoding" still
  // carries an Exif block, so the byte-level stripper has to catch it.
  vi.stubGlobal('createImageBitmap', async () => ({ width: 4032, height: 3024, close() {} }));
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      getContext() {
        return { imageSmoothingQuality: 'low', drawImage: (_img: unknown, ...box: number[]) => drawn.push(box) };
      }
      async convertToBlob() {
        return new Blob([jpegWithExif() as BlobPart], { type: 'image/jpeg' });
      }
    },
  );
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  delete (navigator as { geolocation?: unknown }).geolocation;
  await closeHarness(h);
  h = undefined;
});

const tap = (el: HTMLElement) => fireEvent.click(el);
const type = (label: string, value: string) => {
  const el = document.querySelector<HTMLElement>(`input[aria-label="${label}"], textarea[aria-label="${label}"]`);
  if (!el) throw new Error(`no field ${label}`);
  fireEvent.input(el, { target: { value } });
};
const pickPhoto = (name = 'IMG_0001.jpg') => {
  const input = document.querySelector<HTMLInputElement>('input[type=file][capture]')!;
  fireEvent.change(input, { target: { files: [new File([new Uint8Array([1, 2, 3])], name, { type: 'image/jpeg' })] } });
};

async function fillFinding(mode: '暗访' | '明察') {
  await screen.findByText('被查单位');
  tap(option(question('被查单位'), '行政审批窗口'));
  tap(option(question('方式'), mode));
  tap(option(question('问题类别'), '推诿扯皮'));
  tap(option(question('问题类别'), '吃拿卡要'));
  tap(option(question('严重程度'), '较重'));
  type('情况描述', '3号窗口要求群众“下次再来”，未一次性告知所需材料');
  type('涉及人员', '工号 0371');
}

describe('明察暗访', () => {
  it('refuses to start a covert visit in a campaign without an encryption key, says why, and promises no encryption', async () => {
    h = makeHarness({ campaign: { ...DEMO_CAMPAIGN, encryptionKey: null } });
    renderWith(h, <VisitScreen params={{}} />);
    await screen.findByText('被查单位');
    expect(option(question('方式'), '明察')).toBeTruthy();
    expect(question('方式').textContent).not.toMatch(/^暗访$/m);
    expect([...question('方式').querySelectorAll('[role=radio]')].map((r) => r.textContent)).toEqual(['明察']);
    expect((await screen.findByTestId('covert-needs-key')).textContent).toContain('本活动没有设置加密密钥，不能记录暗访');
    expect(document.body.textContent).not.toContain('暗访照片封存时加密');
    tap(option(question('方式'), '明察'));
    expect(document.querySelector('input[type=file][capture]')).toBeTruthy();
    expect(document.body.textContent).not.toContain('照片封存时加密');
    expect(screen.getByTestId('covert-needs-key')).toBeTruthy();
  });

  it('never claims photo encryption for a covert draft that cannot be sealed, and will not seal it', async () => {
    const campaign = { ...DEMO_CAMPAIGN, encryptionKey: null };
    h = makeHarness({ campaign });
    const body = { mode: 'covert', unitId: 'approval', visitedAt: '2026-11-21T09:00:00.000Z' };
    const photos = { list: [], add: async () => {}, remove: async () => {}, working: 0, error: undefined };
    renderWith(
      h,
      <VisitEditor
        campaign={campaign}
        body={body}
        secret={undefined}
        onBody={() => {}}
        onSecret={() => {}}
        invalid={new Set()}
        mode="new"
        canSeal={false}
        photos={photos}
      />,
    );
    expect(await screen.findByTestId('covert-needs-key')).toBeTruthy();
    expect(document.querySelector('input[type=file][capture]')).toBeTruthy();
    expect(document.body.textContent).not.toContain('照片封存时加密');
    const t = (k: string) => k;
    expect(missingVisit(campaign, body, undefined, { mode: 'new', canSeal: false }, t as never).map((m) => m.anchor)).toContain('mode');
    expect(missingVisit(DEMO_CAMPAIGN, body, { description: 'x' }, { mode: 'new', canSeal: true }, t as never).map((m) => m.anchor)).not.toContain('mode');
  });

  it('says why in Traditional Chinese and English too', async () => {
    for (const [lang, text] of [
      ['zh-Hant', '本活動沒有設定加密金鑰，不能記錄暗訪'],
      ['en', 'This campaign has no encryption key, so no covert visit can be recorded'],
    ] as const) {
      h = makeHarness({ campaign: { ...DEMO_CAMPAIGN, encryptionKey: null }, lang });
      renderWith(h, <VisitScreen params={{}} />);
      expect((await screen.findByTestId('covert-needs-key')).textContent).toContain(text);
      cleanup();
      await closeHarness(h);
      h = undefined;
    }
  });

  it('names what is missing and falls back to typed coordinates when the device has no fix', async () => {
    h = makeHarness();
    renderWith(h, <VisitScreen params={{}} />);
    await screen.findByText('被查单位');
    tap(button('提交/封存'));
    expect((await screen.findByText(/^还缺：/)).textContent).toBe('还缺：被查单位、方式、地点或位置、问题类别、严重程度、情况描述');

    tap(button('获取当前位置'));
    expect((await screen.findByText(/本设备不支持定位/)).textContent).toContain('或只在“地点”中写明位置');
    type('坐标（纬度, 经度）', '30.5728 北');
    tap(button('使用此坐标'));
    expect(await screen.findByText(/坐标格式不对/)).toBeTruthy();
    type('坐标（纬度, 经度）', '30.5728, 104.0668');
    tap(button('使用此坐标'));
    expect((await screen.findByTestId('location-value')).textContent).toBe('30.572800, 104.066800（手动输入）');
    await waitFor(() => expect(screen.getByText(/^还缺：/).textContent).not.toContain('地点或位置'));
  });

  it('seals a covert finding: confidential description, encrypted photo without EXIF, device location', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: PositionCallback) => ok({ coords: { latitude: 30.6598, longitude: 104.0633, accuracy: 8.4 } } as GeolocationPosition) },
    });
    h = makeHarness();
    const { db } = h;
    renderWith(h, <VisitScreen params={{}} />);
    await fillFinding('暗访');
    tap(button('获取当前位置'));
    await screen.findByTestId('location-value');
    pickPhoto();
    await waitFor(() => expect(document.querySelectorAll('.photo')).toHaveLength(1));
    expect(drawn).toEqual([[0, 0, 1600, 1200]]); // shrunk to 1600 px on the longest edge
    // The photo shows as soon as it is read; the draft names it once its write commits.
    const draft = await waitFor(async () => {
      const d = (await db.drafts.toArray())[0];
      expect(d?.attachments).toHaveLength(1);
      return d!;
    });
    const plain = (await db.blobs.get(draft.attachments![0]!))!;
    const plainBytes = new Uint8Array(await plain.data.arrayBuffer());
    expect(hasExif(plainBytes)).toBe(false);
    expect(hasMetadata(plainBytes)).toBe(false);

    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1), { timeout: 5000 }); // sealing encrypts and hashes the photo: slow on a busy machine
    const r = (await db.records.toArray())[0]!.record;
    expect(r.body).toEqual({
      unitId: 'approval',
      mode: 'covert',
      visitedAt: expect.stringMatching(/Z$/),
      categories: ['bribe', 'shirk'],
      severity: 'serious',
      location: { latE6: 30659800, lonE6: 104063300, accuracyM: 9, source: 'device' },
    });
    expect(JSON.stringify(r)).not.toContain('0371');
    expect(await decryptSealed(DEMO_CAMPAIGN_PRIVATE_JWK, r.id, r.sealed!)).toEqual({
      description: '3号窗口要求群众“下次再来”，未一次性告知所需材料',
      names: '工号 0371',
    });
    expect(r.attachments).toHaveLength(1);
    const a = r.attachments![0]!;
    expect(a).toMatchObject({ mime: 'image/jpeg', sealed: true });
    const ct = (await db.blobs.get(a.sha256))!;
    const ctBytes = new Uint8Array(await ct.data.arrayBuffer());
    expect(a.bytes).toBe(ctBytes.length);
    expect(a.sha256).toBe(await sha256Hex(ctBytes));
    expect(ct).toMatchObject({ sealed: true, uploaded: 0 });
    expect(await decryptBlob(DEMO_CAMPAIGN_PRIVATE_JWK, r.id, ctBytes)).toEqual(plainBytes);
    expect(await db.blobs.get(plain.sha256)).toBeUndefined(); // no plaintext copy left behind
    expect(validateRecord(r, DEMO_CAMPAIGN, await lookupIn(db, r.seq))).toBeNull();
  });

  it('keeps photos of an open inspection as plain blobs, and a removed photo is gone before sealing', async () => {
    h = makeHarness();
    const { db } = h;
    renderWith(h, <VisitScreen params={{}} />);
    await fillFinding('明察');
    type('地点', '政务服务中心二楼');
    pickPhoto('a.jpg');
    await waitFor(() => expect(document.querySelectorAll('.photo')).toHaveLength(1));
    tap(document.querySelector<HTMLElement>('button[aria-label="删除 照片 1"]')!);
    await waitFor(async () => expect(await db.blobs.count()).toBe(0));
    expect((await db.drafts.toArray())[0]!.attachments).toEqual([]);
    pickPhoto('b.jpg');
    await waitFor(() => expect(document.querySelectorAll('.photo')).toHaveLength(1));
    tap(button('提交/封存'));
    await waitFor(async () => expect(await db.records.count()).toBe(1));
    const r = (await db.records.toArray())[0]!.record;
    expect(r.body.place).toBe('政务服务中心二楼');
    expect(r.body.location).toBeUndefined();
    const a = r.attachments![0]!;
    const blob = (await db.blobs.get(a.sha256))!;
    const bytes = new Uint8Array(await blob.data.arrayBuffer());
    expect(a).toEqual({ sha256: await sha256Hex(bytes), bytes: bytes.length, mime: 'image/jpeg', sealed: false });
    expect(hasExif(bytes)).toBe(false);
    expect(validateRecord(r, DEMO_CAMPAIGN, await lookupIn(db, r.seq))).toBeNull();
  });
});
