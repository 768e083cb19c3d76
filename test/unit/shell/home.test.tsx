import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from '../../../src/domain/demo-campaign';
import type { PingyiDb } from '../../../src/store/db';
import { localDay } from '../../../src/store/queries';
import { cachedToday, rememberToday } from '../../../src/store/today-cache';
import HomeScreen from '../../../src/ui/screens/home/HomeScreen';
import { draftOf, f2fBody, fakeStorage, forumBody, markReceived, Providers, seal, testDb, visitBody } from './fixtures';

configure({ asyncUtilTimeout: 5_000 });

let db: PingyiDb;
beforeEach(() => {
  db = testDb();
  localStorage.clear();
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const today = localDay(Date.now());
const enrolled = { campaign: DEMO_CAMPAIGN, deviceId: 'dev-7', collector: 'zhang', practice: false, role: 'representative' as const };

describe('HomeScreen', () => {
  it('shows today’s counts by type and the drafts to finish, linking to each draft', async () => {
    await seal(db, 'f2f', f2fBody(), { day: today });
    await seal(db, 'f2f', f2fBody(), { day: today });
    await seal(db, 'forum', forumBody(), { day: today });
    await seal(db, 'visit', visitBody(), { day: '2020-01-01' }); // not today
    await seal(db, 'f2f', f2fBody(), { day: today, deviceId: 'local-other' }); // another chain
    const draft = draftOf('f2f', { unitId: 'brigade3' }, Date.now() - 60_000);
    await db.drafts.put(draft);

    render(
      <Providers db={db}>
        <HomeScreen />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('count-f2f').textContent).toBe('2'));
    expect(screen.getByTestId('count-forum').textContent).toBe('1');
    expect(screen.getByTestId('count-visit').textContent).toBe('0');
    expect(screen.getByTestId('count-stall').textContent).toBe('0');
    expect(screen.getByTestId('tile-f2f').getAttribute('href')).toBe('#/f2f');

    const link = screen.getByTestId('draft-link');
    expect(link.getAttribute('href')).toBe(`#/draft/${draft.id}`);
    expect(link.textContent).toContain('执法三大队');
    expect(screen.getByText('练习记录只保存在本机，不会发送。')).toBeTruthy();
  });

  it('shows the counts remembered for today in its first frame, marked unconfirmed, until the day’s row replaces them', async () => {
    await seal(db, 'f2f', f2fBody(), { day: today });
    await seal(db, 'f2f', f2fBody(), { day: today });
    rememberToday('local-1', today, { f2f: 9, visit: 1 }); // a copy that missed changes
    render(
      <Providers db={db}>
        <HomeScreen />
      </Providers>,
    );
    expect(screen.getByTestId('count-f2f').textContent).toBe('9');
    expect(screen.getByTestId('count-stall').textContent).toBe('0');
    const tiles = screen.getByTestId('tile-f2f').parentElement!;
    expect(tiles.dataset.confirmed).toBe('no');
    expect(tiles.getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(tiles.dataset.confirmed).toBe('yes'));
    expect(screen.getByTestId('count-f2f').textContent).toBe('2');
    expect(screen.getByTestId('count-visit').textContent).toBe('0');
    expect(tiles.getAttribute('aria-busy')).toBe('false');
    // What it read is what the next start shows first.
    expect(cachedToday('local-1', today)).toEqual({ f2f: 2, forum: 0, visit: 0, stall: 0, followup: 0, amend: 0, void: 0 });
  });

  it('shows no remembered counts of another device', async () => {
    rememberToday('local-other', today, { f2f: 4 });
    render(
      <Providers db={db}>
        <HomeScreen />
      </Providers>,
    );
    expect(screen.getByTestId('count-f2f').textContent).toBe('–');
    await waitFor(() => expect(screen.getByTestId('count-f2f').textContent).toBe('0'));
  });

  it('shows how many records of the enrolled device are not sent yet', async () => {
    const a = await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-7', practice: false, day: today });
    await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-7', practice: false, day: today });
    await seal(db, 'f2f', f2fBody(), { deviceId: 'dev-7', practice: false, day: today });
    await markReceived(db, [a]);
    render(
      <Providers db={db} session={enrolled}>
        <HomeScreen />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('unsent').textContent).toBe('2'));
    expect(screen.getByText('去同步').getAttribute('href')).toBe('#/sync');
  });

  it('updates the counts when a record is sealed meanwhile', async () => {
    render(
      <Providers db={db}>
        <HomeScreen />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('count-stall').textContent).toBe('0'));
    await seal(
      db,
      'stall',
      { place: '广场', unitIds: ['muck'], openedAt: '2026-11-20T01:00:00.000Z', closedAt: '2026-11-20T02:00:00.000Z', visitors: 3, complaints: [] },
      { day: today },
    );
    await waitFor(() => expect(screen.getByTestId('count-stall').textContent).toBe('1'));
  });

  it('asks for persistent storage and, when refused, says to install the app to the home screen', async () => {
    const storage = fakeStorage({ persisted: false, grant: false });
    render(
      <Providers db={db} storage={storage}>
        <HomeScreen />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('persistence').dataset.state).toBe('refused'));
    expect(storage.asked).toBe(1);
    expect(within(screen.getByTestId('persistence')).getByText(/添加到主屏幕/)).toBeTruthy();
    expect(screen.getByText(/已用 5.0 MB/)).toBeTruthy();
  });

  it('says so when persistent storage is granted', async () => {
    const storage = fakeStorage({ persisted: false, grant: true });
    render(
      <Providers db={db} storage={storage}>
        <HomeScreen />
      </Providers>,
    );
    await waitFor(() => expect(screen.getByTestId('persistence').dataset.state).toBe('persisted'));
  });
});
