import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * A list that renders only the rows in view (plus a few either side), each of a fixed height,
 * so 50,000 records scroll like 50. The caller loads rows for the range it is told about.
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
  const { count, rowHeight, onRange } = props;
  const overscan = props.overscan ?? 6;
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

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
      <div class="vlist-space" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
