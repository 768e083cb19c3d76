import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/Button';
import { useT } from '../i18n';
import { ENROLL } from './enrollMessages';
import { makeQrDecoder } from './qrDecode';

/** How often a frame is examined: fast enough to feel instant, slow enough to spare the battery. */
const SCAN_EVERY_MS = 200;

/**
 * The rear camera with a QR reader. The camera is released as soon as a code is read or the
 * scanner closes (a tablet's camera left on drains it by noon).
 */
export function QrScanner(props: { onResult(text: string): void; onClose(): void }) {
  const t = useT(ENROLL);
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onResult = useRef(props.onResult);
  onResult.current = props.onResult;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const release = () => stream?.getTracks().forEach((track) => track.stop());
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem(t('noCamera'));
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        setProblem(t('cameraFailed', { reason: (e as Error)?.name ?? String(e) }));
        return;
      }
      if (stopped || !video.current) return release();
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const decode = await makeQrDecoder();
      const tick = async () => {
        if (stopped || !video.current) return;
        const text = await decode(video.current).catch(() => null);
        if (text) {
          release();
          onResult.current(text);
          return;
        }
        timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      release();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, []);

  return (
    <div class="card stack" data-testid="qr-scanner">
      {problem ? <p role="alert">{problem}</p> : <p class="muted">{t('scanning')}</p>}
      {!problem && <video ref={video} playsInline muted style={{ width: '100%', maxHeight: '50vh', background: '#000', borderRadius: '12px' }} />}
      <Button onClick={props.onClose}>{t('scanStop')}</Button>
    </div>
  );
}
