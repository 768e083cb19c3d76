import type { Strings } from '../../i18n';
import type { keyMessages } from './key-messages';

export default {
  title: '加密金鑰',
  hasKey: '已設定加密公鑰（指紋 {print}）。',
  noKey: '尚未設定加密公鑰：平板不能記錄聯絡方式、暗訪描述等保密內容。',
  explain:
    '在本瀏覽器中產生金鑰：私鑰以口令加密後下載為檔案，由糾風辦妥善保管（檢視保密內容時需要該檔案和口令）；只有公鑰隨活動儲存到伺服器。口令遺失則無法找回。',
  replaceWarning: '產生新金鑰後，此前按舊公鑰加密的內容仍只能用舊的金鑰檔案檢視，請一併保管。',
  passphrase: '口令（至少 {n} 個字元）',
  again: '再輸入一次口令',
  tooShort: '口令至少 {n} 個字元。',
  differ: '兩次輸入的口令不一致。',
  generate: '產生金鑰並下載金鑰檔案',
  generateNew: '產生新金鑰並下載金鑰檔案',
  working: '正在產生金鑰並以口令加密，需要幾秒鐘……',
  done: '已下載金鑰檔案 {file}。儲存為新版本後，新公鑰才會生效。',
  failed: '未能產生金鑰：{message}',
} satisfies Strings<typeof keyMessages>;
