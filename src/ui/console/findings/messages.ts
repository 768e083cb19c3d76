import { defineMessages } from '../../i18n';

export const findingMessages = defineMessages('ui/console/findings/messages', {
  'zh-Hans': {
    heading: '明察暗访问题',
    intro: '问题描述、涉及人员和暗访照片在平板上已加密，只有持有本活动私钥文件和密码的人才能查看。解密在本浏览器内完成。',
    keyHeading: '活动私钥',
    keyFile: '私钥文件',
    passphrase: '私钥密码',
    unlock: '解锁',
    unlocking: '正在解锁…',
    unlocked: '私钥已解锁，仅保存在本页内存中：关闭或刷新页面后即失效，不会被保存或上传。',
    lock: '锁定（从内存清除）',
    noFile: '请先选择私钥文件。',
    noPassphrase: '请输入私钥密码。',
    wrongPassphrase: '密码不正确，或私钥文件已损坏。请检查后重试。',
    notKeyFile: '这不是评议通的活动私钥文件。',
    otherCampaign: '这个私钥文件不属于当前评议活动（文件对应：{id}）。',
    keyMismatch: '这个私钥与当前评议活动的公钥不匹配，无法解密本活动的内容。',
    noCampaignKey: '当前评议活动没有设置加密公钥，没有加密内容。',
    locked: '尚未解锁：只显示未加密的信息。',
    description: '问题描述',
    names: '涉及人员',
    contact: '联系方式',
    decryptFailed: '无法解密此记录（私钥不对应，或内容已损坏）。',
    decrypting: '正在解密…',
    nothingSealed: '此记录没有加密内容。',
    none: '还没有明察暗访记录。',
    unit: '被评单位',
    collector: '检查人',
    amended: '已更正 {n} 次；最近一次原因：{reason}。以下显示更正后的内容。',
    voided: '已作废，原因：{reason}。此记录不再计入。',
    showVoided: '显示已作废的记录',
    count: '已显示 {n} 条',
  },
});

export type FindingKey = keyof (typeof findingMessages)['en'];
