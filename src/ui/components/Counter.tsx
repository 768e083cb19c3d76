/** A whole number with big − and + buttons (attendees, visitors): no keyboard needed. */
export function Counter(props: {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  /** Accessible names of the two buttons, in the screen's language. */
  less: string;
  more: string;
}) {
  const min = props.min ?? 0;
  const max = props.max ?? Number.MAX_SAFE_INTEGER;
  const set = (n: number) => props.onChange(Math.min(max, Math.max(min, n)));
  return (
    <div class="counter" role="group" aria-label={props.label}>
      <span class="counter-label">{props.label}</span>
      <button type="button" class="counter-btn" aria-label={props.less} disabled={props.value <= min} onClick={() => set(props.value - 1)}>
        −
      </button>
      <input
        class="counter-value"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        aria-label={props.label}
        value={props.value}
        onChange={(e) => {
          const n = Number.parseInt((e.currentTarget as HTMLInputElement).value, 10);
          set(Number.isFinite(n) ? n : min);
        }}
      />
      <button type="button" class="counter-btn" aria-label={props.more} disabled={props.value >= max} onClick={() => set(props.value + 1)}>
        +
      </button>
    </div>
  );
}
