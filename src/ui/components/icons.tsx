import type { JSX } from 'preact';

// Line icons on a 24×24 grid, drawn in currentColor so they follow the text colour.
const PATHS = {
  home: 'M3 11.5 12 4l9 7.5M5.5 9.5V20h4.5v-6h4v6h4.5V9.5',
  f2f: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM2.5 20c0-3 2.5-5.5 5.5-5.5s5.5 2.5 5.5 5.5M13.2 15.2c.8-.5 1.8-.7 2.8-.7 3 0 5.5 2.5 5.5 5.5',
  forum:
    'M4 5h11a1.5 1.5 0 0 1 1.5 1.5v6A1.5 1.5 0 0 1 15 14H9l-4 3.5V14H4a1.5 1.5 0 0 1-1.5-1.5v-6A1.5 1.5 0 0 1 4 5Zm15 4h1a1.5 1.5 0 0 1 1.5 1.5v6A1.5 1.5 0 0 1 20 18h-1v3l-3.5-3H11',
  visit: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Zm4.8-1.7L21 21M7.5 10.5l2 2 3.5-3.5',
  stall:
    'M3 9 5 4h14l2 5M3 9c0 1.4 1.2 2.5 2.6 2.5S8.2 10.4 8.2 9c0 1.4 1.2 2.5 2.6 2.5h2.4c1.4 0 2.6-1.1 2.6-2.5 0 1.4 1.2 2.5 2.6 2.5S21 10.4 21 9M5 11.5V20h14v-8.5M10 20v-5h4v5',
  records: 'M8 6h12M8 12h12M8 18h12M3.5 6h.01M3.5 12h.01M3.5 18h.01',
  sync: 'M20 12a8 8 0 0 1-14.3 4.9M4 12a8 8 0 0 1 14.3-4.9M18.5 3v4.2h-4.2M5.5 21v-4.2h4.2',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3Z',
  online: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01',
  offline: 'M2 9a15 15 0 0 1 6-3.3M22 9a15 15 0 0 0-9.5-3.9M5 12.5a10 10 0 0 1 3.5-2.1M19 12.5a10 10 0 0 0-2.6-1.7M8.5 16a5 5 0 0 1 7 0M12 19.5h.01M3 3l18 18',
  draft: 'M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16v4ZM13.5 6.5l4 4',
  lock: 'M6 11h12v9H6v-9Zm2.5 0V8a3.5 3.5 0 0 1 7 0v3',
  back: 'M15 5l-7 7 7 7',
  storage: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3Zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  photo: 'M4 7h3l2-2.5h6L17 7h3v12H4V7Zm8 9.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z',
  correct: 'M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16v4Z',
  check: 'M4.5 12.5 9.5 17.5 19.5 6.5',
  void: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM5.6 5.6l12.8 12.8',
} as const;

export type IconName = keyof typeof PATHS;

/** A decorative icon (hidden from screen readers: the text beside it says the same). */
export function Icon(props: { name: IconName; size?: number } & Omit<JSX.SVGAttributes<SVGSVGElement>, 'name'>) {
  const { name, size = 24, ...rest } = props;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
