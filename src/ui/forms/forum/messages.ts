import { defineMessages } from '../../i18n';

export const forumMessages = defineMessages('ui/forms/forum/messages', {
  'zh-Hans': {
    title: '座谈会',
    form: '座谈会记录',
    units: '参会被评单位',
    titleField: '会议名称',
    titleHint: '例如：执法一大队服务对象座谈会',
    heldAt: '时间',
    place: '地点',
    host: '主持人',
    attendance: '参会人数',
    opinions: '意见和建议',
    noOpinions: '还没有记录意见。',
    addOpinion: '+ 记一条意见',
    opinionN: '第 {n} 条',
    opinionText: '第 {n} 条意见的内容',
    kind: '类型',
    k_opinion: '意见',
    k_suggestion: '建议',
    k_complaint: '投诉',
    k_praise: '表扬',
    unit: '涉及单位',
    dimension: '评议内容',
    text: '内容',
  },
});

export type ForumKey = keyof (typeof forumMessages)['en'];
