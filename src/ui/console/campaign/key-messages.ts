import { defineMessages } from '../../i18n';

export const keyMessages = defineMessages('ui/console/campaign/key-messages', {
  'zh-Hans': {
    title: '加密密钥',
    hasKey: '已设置加密公钥（指纹 {print}）。',
    noKey: '尚未设置加密公钥：平板不能记录联系方式、暗访描述等保密内容。',
    explain:
      '在本浏览器中生成密钥：私钥用口令加密后下载为文件，由纠风办妥善保管（查看保密内容时需要该文件和口令）；只有公钥随活动保存到服务器。口令遗失则无法找回。',
    replaceWarning: '生成新密钥后，此前按旧公钥加密的内容仍只能用旧的密钥文件查看，请一并保管。',
    passphrase: '口令（至少 {n} 个字符）',
    again: '再输入一次口令',
    tooShort: '口令至少 {n} 个字符。',
    differ: '两次输入的口令不一致。',
    generate: '生成密钥并下载密钥文件',
    generateNew: '生成新密钥并下载密钥文件',
    working: '正在生成密钥并用口令加密，需要几秒钟……',
    done: '已下载密钥文件 {file}。保存为新版本后，新公钥才会生效。',
    failed: '未能生成密钥：{message}',
  },
});
