import { createHash } from 'node:crypto';

/** Text for HTML: every character that could open markup or end an attribute is escaped. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A figure as printed: 2 decimals, — when undefined (never 0). */
export function fig2(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(2) : '—';
}

/**
 * A page the server renders itself (the 通报's print view, the 公示 page): no script at all, one
 * style sheet, and a Content-Security-Policy that allows exactly that style sheet (by its hash) and
 * nothing else, whatever text the page shows.
 */
export function htmlPage(o: { lang: string; title: string; css: string; body: string }): { html: string; csp: string } {
  const hash = createHash('sha256').update(o.css, 'utf8').digest('base64');
  const html = `<!doctype html>
<html lang="${esc(o.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(o.title)}</title><style>${o.css}</style></head>
<body>${o.body}</body></html>`;
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, csp };
}
