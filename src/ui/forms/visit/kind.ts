import type { FormKind } from '../common/editor';
import { visitMessages, type VisitKey } from './messages';
import { missingVisit, visitSecretToSeal, visitStart } from './model';
import { VisitEditor } from './VisitEditor';

export const visitKind: FormKind<VisitKey> = {
  type: 'visit',
  messages: visitMessages,
  titleKey: 'title',
  formKey: 'form',
  Editor: VisitEditor,
  start: visitStart,
  missing: missingVisit,
  secretToSeal: visitSecretToSeal,
  // Photos of a covert visit could identify the inspector's route and the staff: sealed like the fields.
  sealPhotos: (body) => body.mode === 'covert',
};
