import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../../components/icons';
import { loadPhoto } from '../../../store/photos';
import { useApp } from '../../context';
import { useT } from '../../i18n';
import type { PhotoApi } from './editor';
import { common } from './messages';
import { placeMessages } from './place-messages';
import { Question } from './Question';

const filesOf = (e: Event) => {
  const input = e.currentTarget as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = ''; // the same photo can be picked again after removal
  return files;
};

/** Photo evidence: the camera or the gallery, thumbnails, removal before sealing. */
export function PhotoPicker(props: { photos: PhotoApi; covert: boolean }) {
  const t = useT(placeMessages);
  const tc = useT(common);
  const { photos } = props;
  return (
    <Question anchor="photos" label={t('photos')} optional={tc('optional')}>
      {props.covert && (
        <p class="confidential">
          <Icon name="lock" size={18} /> {t('covertPhotos')}
        </p>
      )}
      <div class="photo-actions">
        <label class="btn btn-secondary btn-large photo-pick">
          <Icon name="photo" /> {t('takePhoto')}
          <input type="file" accept="image/*" capture="environment" aria-label={t('takePhoto')} onChange={(e) => void photos.add(filesOf(e))} />
        </label>
        <label class="btn btn-secondary btn-large photo-pick">
          {t('pickPhoto')}
          <input type="file" accept="image/*" multiple aria-label={t('pickPhoto')} onChange={(e) => void photos.add(filesOf(e))} />
        </label>
      </div>
      {photos.working > 0 && <p class="muted">{t('processing', { n: photos.working })}</p>}
      {photos.error && (
        <p class="form-error" role="alert">
          {t('photoFailed', { message: photos.error })}
        </p>
      )}
      {photos.list.length > 0 && (
        <div class="photo-grid">
          {photos.list.map((sha, i) => (
            <div class="photo" key={sha}>
              <Thumb sha={sha} alt={t('photoAlt', { n: i + 1 })} />
              <button
                type="button"
                class="btn btn-danger"
                onClick={() => void photos.remove(sha)}
                aria-label={`${tc('remove')} ${t('photoAlt', { n: i + 1 })}`}
              >
                {tc('remove')}
              </button>
            </div>
          ))}
        </div>
      )}
    </Question>
  );
}

/** A stored photo shown from its bytes (object URL released when it goes away). */
function Thumb(props: { sha: string; alt: string }) {
  const { db } = useApp();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let made: string | undefined;
    let live = true;
    void loadPhoto(db, props.sha).then((b) => {
      if (!live || !b || typeof URL.createObjectURL !== 'function') return;
      made = URL.createObjectURL(b.data);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [db, props.sha]);
  return url ? <img src={url} alt={props.alt} /> : <span class="sr-only">{props.alt}</span>;
}
