import { defineMessages } from '../i18n';

/**
 * Every answer the tablet can get, by its error code (src/protocol/PROTOCOL.md, plus the tablet's
 * own: network, server, bad-receipt …), in the user's language. The server's English sentence is
 * never shown in its place; codes not listed here fall back by HTTP status (serverAnswers.ts).
 */
export const CODES = defineMessages('ui/sync/codeMessages', {
  'zh-Hans': {
    'too-large': '数据太大，服务器不接收',
    'quota-exceeded': '超出了服务器允许本机保存的数据量，请联系纠风办',
    malformed: '发送的数据格式不对',
    'unknown-device': '服务器不认识本机，请重新登记',
    'revoked-device': '纠风办已停用本机',
    'bad-signature': '签名校验没有通过',
    'bad-chain': '记录链不完整',
    'chain-gap': '服务器缺少前面的记录',
    'chain-conflict': '本机记录与服务器上同一序号的记录不一致',
    'invalid-record': '记录内容不符合活动要求',
    'missing-blobs': '服务器缺少照片',
    'hash-mismatch': '照片内容与校验值不符',
    'range-mismatch': '照片续传的位置与服务器不一致，将从服务器已收到处继续',
    'unknown-code': '登记码无效',
    'code-used': '登记码已经用过了',
    'code-expired': '登记码已过期',
    'not-found': '服务器上没有找到要找的内容',
    unauthorized: '没有权限',
    'rate-limited': '请求太频繁，服务器要求稍后再试',
    unavailable: '服务器暂时不可用（正在维护或太忙）',
    'storage-full': '服务器存储空间已满，请联系纠风办',
    'bad-origin': '请求来源不被服务器接受',
    'unit-in-use': '这个单位已有记录，不能删除',
    'rescore-needs-confirm': '这项改动会改变已有的得分，需要确认',
    'invalid-decision': '审核决定无效',
    'invalid-roster': '代表名单内容不符合要求',
    'invalid-draw': '抽取条件无效，没有抽取',
    'invalid-quotas': '任务数设置无效',
    'unknown-person': '代表库中没有这个人',
    'person-not-eligible': '这位代表尚未审定或已被取消资格',
    'invalid-item': '整改事项内容不符合要求',
    'item-closed': '这项整改已经结束，不能再更改',
    'tally-provisional': '尚有问卷待审核，统计还不能发布',
    timeout: '服务器处理超时',
    internal: '服务器内部出错',
    network: '网络不通，或服务器没有响应',
    server: '服务器暂时出错',
    'bad-answer': '服务器的答复不完整',
    'bad-receipt': '服务器回执校验失败，记录没有标记为已发送',
    'bad-server-key': '服务器回执密钥无效',
    'local-chain': '本机记录链有缺口',
    'no-device-key': '本机没有设备密钥，请重新登记',
    'log-inconsistent': '服务器审计日志与本机上次看到的不一致',
    'not-enrolled': '本机还没有登记',
    other: '服务器拒绝了请求（代码 {code}）',
    otherServer: '服务器暂时出错（HTTP {status}）',
  },
});

export type CodeKey = keyof (typeof CODES)['en'];
