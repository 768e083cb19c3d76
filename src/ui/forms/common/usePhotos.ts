import { useMemo, useState } from 'preact/hooks';
import { browserPhotoCodec, type PhotoCodec } from '../../../platform/camera';
import { preparePhoto, removePhotosIfUnused, storePhoto } from '../../../store/photos';
import { useApp } from '../../context';
import type { PhotoApi } from './editor';
import type { FormDraft } from './useFormDraft';

/**
 * Photos of a draft: each picked file is shrunk, re-encoded without metadata and stored before it
 * is added to the draft (so a stored draft never names a missing photo); removing one takes it out
 * of the draft first, then drops the bytes if nothing else names them.
 */
export function usePhotos(form: FormDraft, codec?: PhotoCodec): PhotoApi {
  const { db } = useApp();
  const [working, setWorking] = useState(0);
  const [error, setError] = useState<string>();
  const c = useMemo(() => codec ?? browserPhotoCodec(), [codec]);
  return {
    list: form.draft.attachments ?? [],
    working,
    error,
    async add(files) {
      setError(undefined);
      for (const file of files) {
        setWorking((n) => n + 1);
        try {
          const photo = await storePhoto(db, await preparePhoto(file, c));
          const list = form.current().attachments ?? [];
          if (!list.includes(photo.sha256)) form.answer({ attachments: [...list, photo.sha256] });
        } catch (e) {
          setError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          setWorking((n) => n - 1);
        }
      }
    },
    async remove(sha) {
      form.answer({ attachments: (form.current().attachments ?? []).filter((s) => s !== sha) });
      await form.flush();
      await removePhotosIfUnused(db, [sha]);
    },
  };
}
