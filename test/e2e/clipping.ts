import type { Page } from 'playwright-core';

/**
 * Text that does not fit where it is shown: an element with text whose overflow is hidden (or
 * clipped, or cut with an ellipsis) while its content is wider or taller than its box, and a page
 * wider than the screen (text pushed out of sight sideways). One line per element at fault.
 */
export function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
    const hides = (v: string) => v === 'hidden' || v === 'clip';
    for (const e of document.querySelectorAll<HTMLElement>('body *')) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || e.closest('[aria-hidden=true], .visually-hidden, .sr-only')) continue;
      if (!(e.textContent ?? '').trim()) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue; // a visually hidden label
      const wide = hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
      // A box given a fixed height (a virtual list's row) that its text outgrows, clipped or not.
      const fixed = !!e.style.height && s.overflowY !== 'auto' && s.overflowY !== 'scroll';
      const tall = (hides(s.overflowY) || fixed) && e.scrollHeight > e.clientHeight + 1;
      if (wide || tall)
        out.push(
          `${name(e)} 「${(e.textContent ?? '').trim().slice(0, 30)}」 ${wide ? `width ${e.scrollWidth} > ${e.clientWidth}` : `height ${e.scrollHeight} > ${e.clientHeight}`}`,
        );
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > innerWidth + 1) out.push(`page ${doc.scrollWidth}px wide in a ${innerWidth}px screen`);
    return out;
  });
}
