import type { FormKind } from '../common/editor';
import { stallMessages, type StallKey } from './messages';
import { missingStall, stallSecretToSeal, stallStart } from './model';
import { StallEditor } from './StallEditor';

export const stallKind: FormKind<StallKey> = {
  type: 'stall',
  messages: stallMessages,
  titleKey: 'title',
  formKey: 'form',
  Editor: StallEditor,
  start: stallStart,
  missing: missingStall,
  secretToSeal: stallSecretToSeal,
};
