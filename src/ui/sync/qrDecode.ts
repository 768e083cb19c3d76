/** Reads a QR code from the current frame of a playing video; null while none is in view. */
export type QrDecoder = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorCtor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

/** Largest side of the frame handed to jsQR: enough for a code held at arm's length, and quick. */
const MAX_SIDE = 640;

/**
 * The browser's own BarcodeDetector where it reads QR codes (Chrome on Android), else jsQR,
 * loaded only now so that nobody who types the code pays for it.
 */
export async function makeQrDecoder(win: typeof globalThis = globalThis): Promise<QrDecoder> {
  const BD = (win as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  if (BD) {
    try {
      const formats = BD.getSupportedFormats ? await BD.getSupportedFormats() : ['qr_code'];
      if (formats.includes('qr_code')) {
        const detector = new BD({ formats: ['qr_code'] });
        return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
      }
    } catch {
      // Present but unusable (some desktop builds): fall back to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!ctx || !w || !h) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  };
}
