import { defineMessages } from '../../i18n';

export const conflictMessages = defineMessages('ui/console/devices/conflict-messages', {
  'zh-Hans': {
    badge: '存在冲突',
    badgeHint: '这台设备对同一序号签署过两条不同的记录',
    show: '查看冲突',
    title: '设备记录冲突',
    intro: '设备“{label}”（采集人 {collector}）对同一序号提交过两个不同的版本。服务器保留已保存的版本，另一个版本作为证据保存，不计入统计。',
    seq: '序号 {seq}，另一版本收到于 {when}',
    stored: '已保存的版本',
    offered: '另一版本（证据）',
    missing: '服务器已没有该序号的记录。',
    hash: '哈希',
    loading: '正在读取冲突…',
    none: '没有冲突记录。',
    close: '关闭',
  },
});
