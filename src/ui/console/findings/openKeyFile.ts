import { KeyFileError, openCampaignKeyFile } from '../../../protocol/keyfile';
import { UnlockError, type KeyFileOpener } from './keyring';

/**
 * Opens a passphrase-protected campaign key file (src/protocol/keyfile.ts, written by
 * `npm run admin -- campaign-key`) in the browser; its problems become the console's words.
 */
export const openKeyFile: KeyFileOpener = async (text, passphrase) => {
  try {
    return await openCampaignKeyFile(text, passphrase);
  } catch (e) {
    if (e instanceof KeyFileError) throw new UnlockError(e.problem);
    throw e;
  }
};
