import type { ScreenProps } from '../../context';
import { FormScreen } from '../common/FormScreen';
import { stallKind } from './kind';

/** 设点咨询 (#/stall): a stall's log, kept open from 开始 to 收摊. */
export default function StallScreen(props: ScreenProps & { resumeId?: string }) {
  return <FormScreen kind={stallKind} resumeId={props.resumeId} />;
}
