/**
 * 大字/高对比: larger text and colours that reach WCAG AAA contrast (7:1), for work outdoors. Kept
 * in localStorage (read before the first paint of a screen, per tablet, not per campaign) and
 * applied as `data-display="bold"` on <html>, which theme.css reads.
 */
export type Display = 'normal' | 'bold';

const KEY = 'pingyi:display';

export function readDisplay(): Display {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'bold' ? 'bold' : 'normal';
  } catch {
    return 'normal';
  }
}

export function applyDisplay(d: Display): void {
  if (d === 'bold') document.documentElement.dataset.display = 'bold';
  else delete document.documentElement.dataset.display;
}

/** Saves and applies at once; a browser that refuses storage still gets it for this visit. */
export function saveDisplay(d: Display): void {
  try {
    globalThis.localStorage?.setItem(KEY, d);
  } catch {
    // Private mode: applied for now, asked again next time.
  }
  applyDisplay(d);
}
