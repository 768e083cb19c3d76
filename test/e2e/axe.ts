import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.x A and AA rules; `aaa` adds the enhanced (7:1) contrast rule. */
const AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (evaluated, so the app's Content-Security-Policy does not apply to it)
 * and returns every violation with the selectors of the elements at fault. Sticky bars (a form's
 * context line and its seal bar) stand where the flow puts them while axe runs: at the top of the
 * page a bottom-sticky bar covers whatever lies under the screen's lower edge, and axe's
 * target-size counts a target half under it as too small, although scrolling brings every target
 * clear (a sticky bar hides nothing for good) — which target straddles that edge depends on the
 * font's glyphs alone.
 */
export async function axeViolations(page: Page, o: { aaa?: boolean } = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const tags = o.aaa ? [...AA_TAGS, 'wcag2aaa'] : AA_TAGS;
  return page.evaluate(async (values) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const sticky = [...document.querySelectorAll<HTMLElement>('body *')].filter((e) => getComputedStyle(e).position === 'sticky');
    for (const e of sticky) e.style.setProperty('position', 'static', 'important');
    const r = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }).finally(() => {
      for (const e of sticky) e.style.removeProperty('position');
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, tags);
}

/** One line per violation, for an assertion message that says what to fix. */
export function describeViolations(where: string, vs: AxeViolation[]): string[] {
  return vs.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
}
