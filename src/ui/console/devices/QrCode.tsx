import { useMemo } from 'preact/hooks';
import { encodeQr, qrPath } from '../../../protocol/qr';

/** A QR code drawn as one SVG path (crisp at any size, prints well). */
export function QrCode({ text, label, size = 280 }: { text: string; label: string; size?: number }) {
  const { n, d } = useMemo(() => {
    const m = encodeQr(text);
    return { n: m.length + 8, d: qrPath(m) };
  }, [text]);
  return (
    <svg class="c-qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${n} ${n}`} shape-rendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
