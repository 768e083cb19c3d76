import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult, UpdateService } from '../../../src/pwa/updates';
import type { PingyiDb } from '../../../src/store/db';
import SettingsScreen from '../../../src/ui/screens/settings/SettingsScreen';
import { Providers, testDb } from './fixtures';

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

function updates(answer: CheckResult, waiting = false) {
  return {
    onWaiting: () => () => {},
    onExternalTakeover: () => () => {},
    isWaiting: () => waiting,
    remind: vi.fn<() => void>(),
    activate: async () => {},
    check: async () => answer,
    onSyncRequested: () => () => {},
  } satisfies UpdateService;
}

describe('SettingsScreen', () => {
  it('shows the local device id, the version, and a link to enroll when not enrolled', () => {
    render(
      <Providers db={db} loaded={{ practiceDeviceId: 'local-abc' }}>
        <SettingsScreen />
      </Providers>,
    );
    expect(screen.getByTestId('practice-device').textContent).toBe('local-abc');
    expect(screen.getByTestId('version').textContent).toBe('0.0.0-test');
    expect(screen.getByText('登记本平板').getAttribute('href')).toBe('#/enroll');
    expect(screen.getByText('此浏览器没有启用离线与更新服务。')).toBeTruthy();
  });

  it('checks for an update and says what it found', async () => {
    render(
      <Providers db={db} updates={updates('none')}>
        <SettingsScreen />
      </Providers>,
    );
    fireEvent.click(screen.getByText('检查更新'));
    await waitFor(() => expect(screen.getByText('已是最新版本。')).toBeTruthy());
  });

  it('says when it cannot check (offline)', async () => {
    render(
      <Providers db={db} updates={updates('failed')}>
        <SettingsScreen />
      </Providers>,
    );
    fireEvent.click(screen.getByText('检查更新'));
    await waitFor(() => expect(screen.getByText(/现在无法检查更新/)).toBeTruthy());
  });

  it('brings back the update prompt when a version is already waiting', () => {
    const u = updates('none', true);
    render(
      <Providers db={db} updates={u}>
        <SettingsScreen />
      </Providers>,
    );
    fireEvent.click(screen.getByText('更新'));
    expect(u.remind).toHaveBeenCalledTimes(1);
  });
});
