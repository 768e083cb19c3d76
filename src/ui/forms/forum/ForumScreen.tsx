import type { ScreenProps } from '../../context';
import { FormScreen } from '../common/FormScreen';
import { forumKind } from './kind';

/** 座谈会 (#/forum). */
export default function ForumScreen(props: ScreenProps & { resumeId?: string }) {
  return <FormScreen kind={forumKind} resumeId={props.resumeId} />;
}
