import type { Strings } from '../../i18n';
import type { keyMessages } from './key-messages';

export default {
  title: 'Encryption key',
  hasKey: 'An encryption key is set (fingerprint {print}).',
  noKey: 'No encryption key yet: tablets cannot record contacts, inspection descriptions or other confidential parts.',
  explain:
    'The key is made in this browser: its private half is encrypted under a passphrase and downloaded as a file for the office to keep (it and the passphrase open the confidential parts); only the public key is saved with the campaign. A lost passphrase cannot be recovered.',
  replaceWarning: 'After a new key, what was encrypted to the old one still opens only with the old key file: keep both.',
  passphrase: 'Passphrase (at least {n} characters)',
  again: 'The passphrase again',
  tooShort: 'At least {n} characters.',
  differ: 'The two passphrases differ.',
  generate: 'Make the key and download the key file',
  generateNew: 'Make a new key and download the key file',
  working: 'Making the key and encrypting it under the passphrase; this takes a few seconds…',
  done: 'Key file {file} downloaded. The new public key takes effect once saved as a new version.',
  failed: 'The key could not be made: {message}',
} satisfies Strings<typeof keyMessages>;
