import { cleanup, configure, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PingyiDb } from '../../../src/store/db';
import RecordDetailScreen from '../../../src/ui/screens/records/RecordDetailScreen';
import { correct, f2fBody, Providers, practiceSession, seal, testDb, visitBody } from './fixtures';

configure({ asyncUtilTimeout: 5_000 });

let db: PingyiDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

function renderDetail(hash: string, deviceId = 'local-1') {
  return render(
    <Providers db={db} session={practiceSession(deviceId)}>
      <RecordDetailScreen params={{ hash }} />
    </Providers>,
  );
}

describe('RecordDetailScreen', () => {
  it('shows every field with the campaign’s labels, read-only, with the chain position', async () => {
    const rec = await seal(db, 'f2f', { ...f2fBody('law', 'fairly'), checks: { bribe: true }, comment: '窗口人员态度好' });
    renderDetail(rec.hash);
    await waitFor(() => expect(screen.getByText('政策法规科')).toBeTruthy());
    expect(screen.getByText('群众代表')).toBeTruthy(); // rater group label
    expect(screen.getByText('设点咨询')).toBeTruthy(); // channel
    expect(screen.getByText('信息公开')).toBeTruthy(); // a dimension label
    expect(screen.getByText('不太满意')).toBeTruthy(); // the rating of 依法办事
    expect(screen.getAllByText('较满意').length).toBeGreaterThan(0); // overall
    expect(screen.getByText('是否遇到吃拿卡要：是')).toBeTruthy();
    expect(screen.getByText('窗口人员态度好')).toBeTruthy();
    expect(screen.getByTestId('hash').textContent).toBe(rec.hash);
    expect(screen.getAllByText('第 1 号').length).toBeGreaterThan(0);
    expect(screen.getByText('练习记录，不会发送')).toBeTruthy();
    expect(screen.getByText('练习（本机）')).toBeTruthy(); // the collector of a practice record, not its raw id
    expect(screen.getByTestId('short-id').textContent).toBe(rec.hash.slice(0, 6).toUpperCase());
    expect(screen.getByTestId('standing').textContent).toBe('有效：按原记录计入统计。');
    // Read-only: nothing to type into.
    expect(document.querySelectorAll('input, textarea, select').length).toBe(0);
    expect(screen.getByText('更正').closest('a')!.getAttribute('href')).toBe(`#/correct/${rec.hash}?action=amend`);
    expect(screen.getByText('作废').closest('a')!.getAttribute('href')).toBe(`#/correct/${rec.hash}?action=void`);
  });

  it('names a respondent’s age band and occupation by their labels, not their codes', async () => {
    const rec = await seal(db, 'f2f', { ...f2fBody('law', 'fairly'), respondent: { ageBand: '50-59', occupation: 'business' } });
    renderDetail(rec.hash);
    await waitFor(() => expect(screen.getByText('50–59岁 · 个体工商户')).toBeTruthy());
    expect(document.body.textContent).not.toContain('50-59 · business');
  });

  it('lists the corrections and says which version counts', async () => {
    const rec = await seal(db, 'f2f', f2fBody('law', 'very'));
    const a1 = await correct(db, rec, 'amend', '总体评价录错', f2fBody('law', 'neutral'));
    const a2 = await correct(db, rec, 'amend', '单位选错', f2fBody('muck', 'neutral'));
    renderDetail(rec.hash);
    await waitFor(() => expect(screen.getAllByTestId('correction').length).toBe(2));
    const items = screen.getAllByTestId('correction');
    expect(items[0]!.getAttribute('href')).toBe(`#/records/${a1.hash}`);
    expect(items[0]!.textContent).toContain('总体评价录错');
    expect(items[1]!.textContent).toContain('计入统计');
    expect(items[0]!.textContent).not.toContain('计入统计');
    expect(screen.getByTestId('standing').textContent).toBe(`已更正：统计以第 ${a2.record.seq} 号更正记录的内容为准。`);
  });

  it('shows an amend with its target and the replacement content', async () => {
    const rec = await seal(db, 'f2f', f2fBody('law', 'very'));
    const a = await correct(db, rec, 'amend', '单位选错', f2fBody('muck', 'neutral'));
    renderDetail(a.hash);
    await waitFor(() => expect(screen.getByText('单位选错')).toBeTruthy());
    expect(screen.getByText('查看第 1 号记录').getAttribute('href')).toBe(`#/records/${rec.hash}`);
    expect(screen.getByText('渣土管理大队')).toBeTruthy();
    expect(screen.queryByText('更正', { selector: 'a' })).toBeNull();
  });

  it('offers no correction of a voided record, nor of another device’s', async () => {
    const rec = await seal(db, 'visit', visitBody());
    const v = await correct(db, rec, 'void', '误录');
    renderDetail(rec.hash);
    await waitFor(() => expect(screen.getByTestId('standing').textContent).toBe(`已作废：不计入统计（第 ${v.record.seq} 号作废记录）。`));
    expect(screen.getByText('已作废的记录不能再更正或作废。')).toBeTruthy();
    expect(document.querySelector('a[href^="#/correct/"]')).toBeNull();
    expect(screen.getByText('门难进、脸难看、事难办、推诿扯皮')).toBeTruthy();
    expect(screen.getByText('暗访')).toBeTruthy();
    cleanup();

    const other = await seal(db, 'f2f', f2fBody(), { deviceId: 'local-2' });
    renderDetail(other.hash);
    await waitFor(() => expect(screen.getByText('只有录入这条记录的平板可以更正或作废它。')).toBeTruthy());
    expect(document.querySelector('a[href^="#/correct/"]')).toBeNull();
  });

  it('shows photos from the blob store as thumbnails', async () => {
    const sha = 'a'.repeat(64);
    await db.blobs.put({
      sha256: sha,
      mime: 'image/jpeg',
      bytes: 3,
      sealed: false,
      data: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
      uploaded: 0,
    });
    const rec = await seal(db, 'f2f', f2fBody());
    // Attachments are part of the sealed record; written here as sealing with photos would.
    await db.records.update(rec.hash, {
      'record.attachments': [
        { sha256: sha, bytes: 3, mime: 'image/jpeg', sealed: false },
        { sha256: 'b'.repeat(64), bytes: 9, mime: 'image/jpeg', sealed: true },
      ],
    });
    const made = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    renderDetail(rec.hash);
    await waitFor(() => expect(screen.getByTestId('thumb')).toBeTruthy());
    expect(screen.getByTestId('thumb').getAttribute('src')).toBe('blob:test');
    expect(made).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('thumb-sealed').textContent).toContain('加密照片');
    vi.restoreAllMocks();
  });

  it('says when the record is not on this tablet', async () => {
    renderDetail('f'.repeat(64));
    await waitFor(() => expect(screen.getByText('本机没有这条记录。')).toBeTruthy());
  });
});
