import { UnlockError, type KeyFileOpener } from './keyring';

/** Opens a passphrase-protected campaign key file (src/protocol/keyfile.ts). */
export const openKeyFile: KeyFileOpener = async () => {
  throw new UnlockError('not-a-key-file');
};
