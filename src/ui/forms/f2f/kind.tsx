import type { FormKind, EditorProps } from '../common/editor';
import { F2fEditor } from './F2fEditor';
import { f2fMessages, type F2fKey } from './messages';
import { f2fSecretToSeal, missingF2f, type F2fSecret } from './model';

/** The questionnaire as a replacement body (corrections): unit and place asked inside the form. */
function F2fFullEditor(p: EditorProps) {
  return (
    <F2fEditor
      campaign={p.campaign}
      body={p.body}
      secret={p.secret as F2fSecret | undefined}
      onBody={p.onBody}
      onSecret={(s) => p.onSecret(s as Record<string, unknown> | null)}
      invalid={p.invalid}
      withSetup
      canSeal={p.canSeal}
    />
  );
}

/** The f2f form for corrections; #/f2f has its own screen (a session of respondents). */
export const f2fKind: FormKind<F2fKey> = {
  type: 'f2f',
  messages: f2fMessages,
  titleKey: 'title',
  formKey: 'form',
  Editor: F2fFullEditor,
  start: () => ({}),
  missing: (c, body, secret, _ctx, t) =>
    missingF2f(c, body, secret as F2fSecret | undefined, {
      unit: t('unit'),
      channel: t('channel'),
      raterGroup: t('raterGroup'),
      overall: t('overall'),
      contact: t('contact'),
    }),
  secretToSeal: (s) => f2fSecretToSeal(s as F2fSecret | undefined),
};
