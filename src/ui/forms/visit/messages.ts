import { defineMessages } from '../../i18n';

export const visitMessages = defineMessages('ui/forms/visit/messages', {
  'zh-Hans': {
    title: '明察暗访',
    form: '暗访记录',
    unit: '被查单位',
    mode: '方式',
    covert: '暗访',
    open: '明察',
    visitedAt: '时间',
    place: '地点',
    placeOrLocation: '地点或位置',
    placeHint: '例如：政务服务中心二楼3号窗口',
    categories: '问题类别',
    severity: '严重程度',
    description: '情况描述',
    descriptionHint: '看到、听到的经过：时间、窗口、经办人表现等',
    names: '涉及人员',
    namesHint: '姓名、工号或外貌特征（如有）',
    covertNeedsKey:
      '本活动没有设置加密密钥，不能记录暗访：暗访的描述、人员和照片必须加密后才能提交。请改为明察，或请纠风办为活动设置加密密钥后重新登记本平板。',
    covertNotPossible: '暗访（需加密密钥）',
  },
});

export type VisitKey = keyof (typeof visitMessages)['en'];
