import { useEffect } from 'preact/hooks';
import { pruneOrphanPhotos } from '../../../store/photos';
import { useApp, type ScreenProps } from '../../context';
import { FormScreen } from '../common/FormScreen';
import { visitKind } from './kind';

/** 明察暗访 (#/visit). */
export default function VisitScreen(props: ScreenProps & { resumeId?: string }) {
  const { db } = useApp();
  // Photos of drafts discarded earlier (after their undo ran out) are dropped here, before any new
  // photo is taken, so that a photo is never removed between being stored and joining its draft.
  useEffect(() => void pruneOrphanPhotos(db).catch(() => {}), [db]);
  return <FormScreen kind={visitKind} resumeId={props.resumeId} />;
}
