import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * A list that renders only the rows in view (plus a few either side), each of one height, so
 * 50,000 records scroll like 50. The caller loads rows for the range it is told about. `rowHeight`
 * is the caller's estimate; a rendered row whose text needs more (another font's glyphs, a longer
 * name wrapped at 200 % text) makes every row that tall, so nothing is ever cut off.
 */
export function VirtualList(props: {
  count: number;
  rowHeight: number;
  renderRow(index: number): VNode;
  /** Called with the rows to have ready, [start, end), whenever the visible window moves. */
  onRange?(start: number, end: number): void;
  label: string;
  overscan?: number;
}) {
  const { count, onRange } = props;
  const overscan = props.overscan ?? 6;
  const box = useRef<HTMLDivElement>(null);
  const space = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  /** The tallest row the list has rendered, for the estimate it was given (never below it). */
  const [grown, setGrown] = useState({ estimate: props.rowHeight, height: 0 });
  const rowHeight = grown.estimate === props.rowHeight ? Math.max(props.rowHeight, grown.height) : props.rowHeight;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // jsdom and a not-yet-laid-out box report 0: assume one screen until the real size arrives.
    const measure = () => setHeight(el.clientHeight || globalThis.innerHeight || 800);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    if (height > 0) onRange?.(first, last);
  }, [first, last, height, onRange]);

  // When the rows shown or their content change: a row whose content overflows its height makes all
  // rows taller (it stops there: the rows then fit; jsdom lays nothing out and measures 0).
  useLayoutEffect(() => {
    let tallest = 0;
    for (const row of Array.from(space.current?.children ?? [])) tallest = Math.max(tallest, row.scrollHeight);
    if (tallest > rowHeight) setGrown({ estimate: props.rowHeight, height: Math.ceil(tallest) });
  }, [first, last, rowHeight, props.rowHeight, props.renderRow]);

  const rows: VNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} class="vrow" role="listitem" aria-setsize={count} aria-posinset={i + 1} style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {props.renderRow(i)}
      </div>,
    );
  }
  return (
    <div class="vlist" ref={box} role="list" aria-label={props.label} onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}>
      <div class="vlist-space" ref={space} style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
