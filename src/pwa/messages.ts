import { defineMessages } from '../ui/i18n';

export const UPDATE = defineMessages('pwa/messages', {
  'zh-Hans': {
    ready: '新版本可用',
    readyBody: '更新只需几秒钟，已保存的记录和草稿不受影响。',
    updateNow: '立即更新',
    later: '稍后',
    dirty: '正在填写的表单还没有完成。请先完成或保存表单，再点“立即更新”。',
    updating: '正在更新…',
    takenOver: '新版本已启用',
    takenOverBody: '请先完成或保存正在填写的表单，再点“重新加载”使用新版本。',
    takenOverClean: '点“重新加载”使用新版本。',
    reload: '重新加载',
  },
});
