import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from '../../../domain/records';
import { blobBySha } from '../../../store/queries';
import { Icon } from '../../components/icons';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import { DETAIL } from './detailMessages';

/** A record's photos as thumbnails from db.blobs; encrypted or already-sent ones as a labelled tile. */
export function Attachments(props: { items: Attachment[] }) {
  return (
    <div class="thumbs">
      {props.items.map((a) => (
        <Thumb key={a.sha256} item={a} />
      ))}
    </div>
  );
}

function Thumb(props: { item: Attachment }) {
  const { db } = useApp();
  const t = useT(DETAIL);
  const { item } = props;
  const [url, setUrl] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    if (item.sealed) return;
    let made: string | undefined;
    let live = true;
    blobBySha(db, item.sha256)
      .then((b) => {
        if (!live) return;
        made = b ? URL.createObjectURL(b.data) : undefined;
        setUrl(made ?? null);
      })
      .catch((e: unknown) => {
        console.error(e);
        if (live) setUrl(null);
      });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [db, item.sha256, item.sealed]);

  if (item.sealed) {
    return (
      <span class="thumb" data-testid="thumb-sealed">
        <Icon name="lock" />
        {t('encryptedPhoto')}
      </span>
    );
  }
  if (url) return <img class="thumb" src={url} alt={t('attachments')} data-testid="thumb" />;
  return (
    <span class="thumb" data-testid="thumb-missing">
      <Icon name="photo" />
      {url === null ? t('photoGone') : ''}
    </span>
  );
}
