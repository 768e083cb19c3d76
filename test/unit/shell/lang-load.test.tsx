import { cleanup, configure, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testDb, testSettings } from './fixtures';

// The other languages' strings load on demand. The setup file loads them for every other test;
// these tests take fresh modules (vi.resetModules) to see the app before any language is loaded.
configure({ asyncUtilTimeout: 10_000 });

const SRC = resolve('src'); // the project root is the working directory of the test run
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('languages loaded on demand', () => {
  it('reads a language as Simplified Chinese until its chunk is loaded, then in that language', async () => {
    vi.resetModules();
    const { loadLang, langLoaded } = await import('../../../src/ui/i18n');
    const { HOME } = await import('../../../src/ui/screens/home/messages');
    expect(langLoaded('en')).toBe(false);
    expect(HOME.en.title).toBe('首页');
    await loadLang('en');
    expect(langLoaded('en')).toBe(true);
    expect(HOME.en.title).toBe('Home');
    expect(HOME['zh-Hant'].title).toBe('首页');
    await loadLang('zh-Hant');
    expect(HOME['zh-Hant'].title).toBe('首頁');
    expect(HOME['zh-Hans'].title).toBe('首页');
  });

  it('has every declared set of messages in both loaded languages, under the id its module names', async () => {
    const declared = sources(SRC).flatMap((file) => {
      const m = /defineMessages\('([^']+)'/.exec(readFileSync(file, 'utf8'));
      if (!m) return [];
      // The id is the module's path below src/, which is where the language chunks look for it.
      expect(m[1]).toBe(relative(SRC, file).replace(/\.tsx?$/, ''));
      return [m[1]];
    });
    expect(declared.length).toBeGreaterThan(30);
    const [hant, en] = await Promise.all([import('../../../src/ui/lang/zh-Hant'), import('../../../src/ui/lang/en')]);
    expect(Object.keys(hant.default).sort()).toEqual([...declared].sort());
    expect(Object.keys(en.default).sort()).toEqual([...declared].sort());
  });

  it('shows the first screen in a saved English at once, never in Chinese first', async () => {
    vi.resetModules();
    const { App } = await import('../../../src/ui/app');
    const { langLoaded } = await import('../../../src/ui/i18n');
    const db = testDb();
    const settings = testSettings();
    await settings.setLang('en');
    location.hash = '#/';
    try {
      render(<App open={() => Promise.resolve({ db, settings })} version="1.2.3" />);
      expect(langLoaded('en')).toBe(false);
      const nav = await screen.findByRole('navigation');
      // The shell's first render after start-up already speaks English.
      expect(nav.textContent).toContain('Settings');
      expect(nav.textContent).not.toContain('设置');
      await waitFor(() => expect(document.documentElement.lang).toBe('en'));
      await waitFor(() => expect(screen.getByText('Practice')).toBeTruthy());
    } finally {
      cleanup();
      db.close();
      await db.delete();
    }
  }, 30_000); // a whole app start with its lazy screens: room for a busy machine
});
