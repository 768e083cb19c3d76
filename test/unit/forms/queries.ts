/**
 * Fast lookups for big forms (role queries walk the whole accessibility tree on every call, which
 * is slow in jsdom for a 60-button questionnaire). They still go by what a person sees: the
 * question's accessible label and the option's text.
 */
export function question(label: string): HTMLElement {
  const all = [...document.querySelectorAll<HTMLElement>('section[aria-label]')].filter((s) => s.getAttribute('aria-label') === label);
  if (all.length !== 1) throw new Error(`expected one question "${label}", found ${all.length}`);
  return all[0]!;
}

/** The visible text of a button without the tick a chosen multi-choice chip carries. */
const label = (b: HTMLElement) => (b.textContent ?? '').replace(/^✓\s*/, '').trim();

export function option(scope: HTMLElement, text: string): HTMLElement {
  const all = [...scope.querySelectorAll<HTMLElement>('button')].filter((b) => label(b) === text);
  if (all.length !== 1) throw new Error(`expected one option "${text}", found ${all.length}`);
  return all[0]!;
}

export function group(label: string): HTMLElement {
  const g = [...document.querySelectorAll<HTMLElement>('[role=radiogroup],[role=group]')].find((s) => s.getAttribute('aria-label') === label);
  if (!g) throw new Error(`no group "${label}"`);
  return g;
}

export function button(text: string): HTMLElement {
  const all = [...document.querySelectorAll<HTMLElement>('button')].filter((b) => b.textContent?.trim() === text);
  if (all.length !== 1) throw new Error(`expected one button "${text}", found ${all.length}`);
  return all[0]!;
}
