import { defineMessages } from '../../i18n';

export const followupMessages = defineMessages('ui/forms/followup/messages', {
  'zh-Hans': {
    title: '回头看',
    form: '回头看记录',
    item: '整改项',
    unit: '被评单位',
    deadline: '整改期限：{day}',
    due: '已到期',
    verdict: '整改情况',
    fixed: '已整改',
    partly: '部分整改',
    notFixed: '未整改',
    note: '情况说明',
    noteHint: '现场看到的情况：是否整改到位，还存在什么问题',
    visitedAt: '回访时间',
    pick: '选择要回头看的整改项',
    noItems: '本平板还没有整改项。同步后会取得纠风办下发的整改项，之后不联网也能使用。',
    noItemsUnit: '该单位没有待回头看的整改项。',
    itemGone: '这个整改项已不在本平板的清单中（可能已被纠风办关闭）。请同步后重新选择。',
    chooseAnother: '换一个整改项',
    items: '{n} 项',
  },
});
export type FollowupKey = keyof (typeof followupMessages)['en'];
