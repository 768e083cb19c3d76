import { defineMessages } from '../../i18n';

export const vetoMessages = defineMessages('ui/console/campaign/veto-messages', {
  'zh-Hans': {
    title: '一票否决',
    hint: '被否决的单位保留得分，但不参加排名，排在参加排名的单位之后，标注“否决”。否决和撤销都记入操作记录。',
    none: '目前没有被否决的单位。',
    lift: '撤销否决',
    liftNamed: '撤销对 {name} 的否决',
    setBy: '最近一次由 {who} 于 {when} 设定。',
    unit: '被评单位',
    choose: '请选择…',
    reason: '否决理由（必填）',
    reasonRequired: '请写明否决理由。',
    reasonTooLong: '理由最多 {max} 个字。',
    veto: '否决该单位',
  },
});
