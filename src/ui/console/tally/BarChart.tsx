import { fmt2 } from '../ui';

/** One bar: a 0–100 satisfaction, or null (drawn as — with no bar, never as 0). */
export interface Bar {
  id: string;
  label: string;
  value: number | null;
  /** Drawn lighter: a small sample or missing group, explained by `mutedNote`. */
  muted?: boolean;
}

const ROW = 30;
const LABEL_W = 180;
const BAR_W = 420;
const VALUE_W = 70;
const TOP = 22;
const TICKS = [0, 20, 40, 60, 80, 100];

/** Labels longer than this are cut with an ellipsis; the full label is in the bar's tooltip. */
function short(label: string, max = 11): string {
  return [...label].length > max ? [...label].slice(0, max - 1).join('') + '…' : label;
}

/** Highest first, undefined last; equal values keep their given order. */
export function sortBars(bars: Bar[]): Bar[] {
  return [...bars].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
}

/**
 * A horizontal bar chart drawn by hand in SVG, on a fixed 0–100 scale so that charts side by side
 * compare honestly. Sorted highest first unless `sorted` is false (dimensions keep campaign order).
 */
export function BarChart(props: { title: string; bars: Bar[]; sorted?: boolean; mutedNote?: string; max?: number }) {
  const max = props.max ?? 100;
  const bars = props.sorted === false ? props.bars : sortBars(props.bars);
  const width = LABEL_W + BAR_W + VALUE_W;
  const height = TOP + bars.length * ROW + 6;
  const x = (v: number) => LABEL_W + (Math.max(0, Math.min(v, max)) / max) * BAR_W;
  return (
    <figure class="c-chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title} style={{ maxWidth: `${width}px` }}>
        {TICKS.map((tk) => (
          <g key={tk}>
            <line x1={x(tk)} x2={x(tk)} y1={TOP - 4} y2={height - 4} class="c-chart-grid" />
            <text x={x(tk)} y={TOP - 8} text-anchor="middle" class="c-chart-tick">
              {tk}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const y = TOP + i * ROW;
          return (
            <g key={b.id} data-bar={b.id}>
              <title>{`${b.label}: ${fmt2(b.value)}`}</title>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 5} text-anchor="end" class="c-chart-label">
                {short(b.label)}
              </text>
              {b.value !== null && (
                <rect
                  x={LABEL_W}
                  y={y + 5}
                  width={Math.max(1, x(b.value) - LABEL_W)}
                  height={ROW - 10}
                  rx={3}
                  class={b.muted ? 'c-bar c-bar-muted' : 'c-bar'}
                />
              )}
              <text x={b.value === null ? LABEL_W + 6 : x(b.value) + 6} y={y + ROW / 2 + 5} class="c-chart-value">
                {fmt2(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {props.mutedNote && bars.some((b) => b.muted) && <p class="c-small c-muted">{props.mutedNote}</p>}
    </figure>
  );
}
