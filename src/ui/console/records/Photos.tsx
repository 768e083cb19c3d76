import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../i18n';
import { sha256Hex } from '../../../protocol/canon';
import { withAnyId } from '../../../domain/kept';
import type { Attachment } from '../../../domain/records';
import { decryptBlob, type CampaignPrivateKey } from '../../../platform/hpke';
import { ApiError } from '../api';
import { describeError, useConsole, useRefused } from '../context';
import { shellMessages } from '../messages';
import { imageTypeOf } from './image-type';
import { recordMessages } from './messages';

type PhotoState =
  | { state: 'loading' }
  | { state: 'sealed' }
  | { state: 'missing' }
  | { state: 'ok'; url: string }
  | { state: 'not-image'; url: string }
  | { state: 'error'; reason: string };

/**
 * One attachment: downloaded, checked against its SHA-256 (the record names it, so a swapped file
 * is refused), decrypted in the browser when sealed and a campaign key is at hand, then shown only
 * when its bytes are a JPEG, PNG or WebP, with that type (the tablet's declared mime is never used:
 * an SVG or HTML "photo" could run script). Anything else is offered as an opaque download.
 */
function Photo({ att, recordIds, privateKey }: { att: Attachment; recordIds: readonly string[]; privateKey: CampaignPrivateKey | null }) {
  const t = useT(recordMessages);
  const ts = useT(shellMessages);
  const { api } = useConsole();
  const refused = useRefused();
  const [s, setS] = useState<PhotoState>({ state: 'loading' });
  useEffect(() => {
    if (att.sealed && !privateKey) return setS({ state: 'sealed' });
    let url: string | null = null;
    let live = true;
    setS({ state: 'loading' });
    (async () => {
      const bytes = await api.blob(att.sha256);
      if ((await sha256Hex(bytes)) !== att.sha256) throw new Error(`SHA-256 ≠ ${att.sha256.slice(0, 12)}…`);
      const plain = att.sealed ? await withAnyId(recordIds, (id) => decryptBlob(privateKey!, id, bytes)) : bytes;
      const type = imageTypeOf(plain);
      url = URL.createObjectURL(new Blob([plain as BlobPart], { type: type ?? 'application/octet-stream' }));
      if (live) setS(type ? { state: 'ok', url } : { state: 'not-image', url });
    })().catch(async (e: unknown) => {
      const shown = await refused(e);
      if (!live || shown === undefined) return;
      setS(shown instanceof ApiError && shown.status === 404 ? { state: 'missing' } : { state: 'error', reason: describeError(shown, ts) });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, [att.sha256, privateKey]);

  if (s.state === 'ok') return <img class="c-photo" src={s.url} alt={t('attachments')} />;
  if (s.state === 'not-image') {
    return (
      <div class="c-photo c-photo-empty" data-testid="not-image">
        {t('photoNotImage')}{' '}
        <a href={s.url} download={`${att.sha256.slice(0, 12)}.bin`} type="application/octet-stream">
          {t('photoDownload')}
        </a>
      </div>
    );
  }
  return (
    <div class="c-photo c-photo-empty">
      {s.state === 'loading' && t('photoLoading')}
      {s.state === 'sealed' && t('photoSealed')}
      {s.state === 'missing' && t('photoNotHeld')}
      {s.state === 'error' && t('photoMissing', { reason: s.reason })}
    </div>
  );
}

export function Photos(props: { attachments: Attachment[]; recordIds: readonly string[]; privateKey: CampaignPrivateKey | null }) {
  return (
    <div class="c-photos">
      {props.attachments.map((a) => (
        <Photo key={a.sha256} att={a} recordIds={props.recordIds} privateKey={props.privateKey} />
      ))}
    </div>
  );
}
