import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAnswer, newDraft } from '../../../src/store/drafts';
import DraftScreen from '../../../src/ui/forms/DraftScreen';
import { closeHarness, DEVICE, makeHarness, renderWith, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  cleanup();
  await closeHarness(h);
  h = undefined;
});

describe('#/draft/:id', () => {
  it('opens the form of the draft’s type with the draft in it', async () => {
    h = makeHarness();
    const d = applyAnswer(
      newDraft(
        {
          campaignId: 'demo',
          deviceId: DEVICE,
          type: 'forum',
          body: { heldAt: '2026-07-01T02:00:00.000Z', title: '窗口单位座谈', attendees: {}, opinions: [] },
        },
        1,
      ),
      {},
      2,
    );
    await h.db.drafts.put(d);
    renderWith(h, <DraftScreen params={{ id: d.id }} />);
    await screen.findByRole('heading', { name: '座谈会' });
    await waitFor(() => expect(document.querySelector<HTMLInputElement>('input[aria-label="会议名称"]')?.value).toBe('窗口单位座谈'));
    expect(screen.queryByText(/继续填写？/)).toBeNull();
  });

  it('opens an f2f draft with its own unit and place', async () => {
    h = makeHarness();
    const d = applyAnswer(
      newDraft({ campaignId: 'demo', deviceId: DEVICE, type: 'f2f', body: { unitId: 'muck', channel: 'other', raterGroup: 'public' } }, 1),
      {},
      2,
    );
    await h.db.drafts.put(d);
    renderWith(h, <DraftScreen params={{ id: d.id }} />);
    expect(await screen.findByText('渣土管理大队')).toBeTruthy();
  });

  it('says so when the draft is gone or belongs to another campaign', async () => {
    h = makeHarness();
    renderWith(h, <DraftScreen params={{ id: 'nope' }} />);
    expect((await screen.findByRole('alert')).textContent).toBe('找不到这份草稿，可能已封存或已放弃。');
    cleanup();
    const d = newDraft({ campaignId: 'city-2027', deviceId: DEVICE, type: 'visit', body: {} }, 1);
    await h.db.drafts.put(d);
    renderWith(h, <DraftScreen params={{ id: d.id }} />);
    expect((await screen.findByRole('alert')).textContent).toContain('city-2027');
  });
});
