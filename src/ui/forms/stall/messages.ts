import { defineMessages } from '../../i18n';

export const stallMessages = defineMessages('ui/forms/stall/messages', {
  'zh-Hans': {
    title: '设点咨询',
    form: '设点记录',
    place: '设点地点',
    placeHint: '例如：人民广场东门',
    units: '参加单位',
    openedAt: '开始时间',
    closedAt: '收摊时间',
    open: '开始（现在）',
    close: '收摊（现在）',
    closedBeforeOpened: '收摊时间早于开始时间',
    visitors: '来访人数',
    plusOne: '+1',
    minusOne: '−1',
    visitorsNow: '已接待 {n} 人',
    complaints: '收到的投诉',
    noComplaints: '还没有投诉。',
    addComplaint: '+ 记一条投诉',
    complaintN: '投诉 {n}',
    complaintUnit: '投诉 {n} 的被投诉单位',
    complaintText: '投诉 {n} 的内容',
    unit: '被投诉单位',
    category: '类别',
    other: '其他',
    text: '内容',
    contact: '投诉人联系方式',
    contactHint: '姓名、电话（投诉人同意时填写）',
  },
});

export type StallKey = keyof (typeof stallMessages)['en'];
