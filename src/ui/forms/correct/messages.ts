import { defineMessages } from '../../i18n';

export const correctMessages = defineMessages('ui/forms/correct/messages', {
  'zh-Hans': {
    amendTitle: '更正记录',
    voidTitle: '作废记录',
    chooseTitle: '更正或作废',
    amend: '更正',
    void: '作废',
    original: '原记录（只读）',
    amended: '这条记录已更正 {n} 次；下面预填的是最新版本，新的更正仍针对原记录。',
    amendLead: '修改下面的内容后封存：更正记录将整体替换原记录的内容，原记录保留不变。',
    voidLead: '作废后这条记录不再计入统计，原记录保留不变，作废不能撤销。',
    secretKept: '保密内容沿用原记录，未改动。',
    secretKeptWhy: '本机无法解密保密内容，更正记录原样带上它，纠风办看到的与原来一样。',
    photosKept: '原记录的 {n} 张照片沿用，未改动。',
    replaceSecret: '重新填写保密内容',
    secretReplacing: '封存时将用下面重新填写的保密内容替换原来的保密内容。',
    keepSecret: '改回沿用原内容',
    reason: '原因',
    reasonHint: '例如：单位选错、重复录入',
    sealAmend: '封存更正',
    sealVoid: '作废这条记录',
    confirmVoid: '确定作废这条记录吗？',
    confirmVoidText: '作废记录一经封存即不可撤销。原因：{reason}',
    refusedMissing: '本机没有这条记录。',
    refusedCorrection: '这是一条更正或作废记录，不能再更正或作废；请对原记录操作。',
    toOriginal: '打开原记录',
    refusedVoided: '这条记录已被作废（第 {seq} 号记录），不能再更正或作废。',
    refusedOtherChain: '这条记录不是本设备在当前评议活动中封存的，只能由原设备更正或作废。',
    doneAmend: '更正已封存。',
    doneVoid: '作废已封存。',
    backToOriginal: '返回原记录',
    resumed: '已恢复上次未完成的填写。',
  },
});

export type CorrectKey = keyof (typeof correctMessages)['en'];
