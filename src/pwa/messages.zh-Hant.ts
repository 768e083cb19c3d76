import type { Strings } from '../ui/i18n';
import type { UPDATE } from './messages';

export default {
  ready: '新版本可用',
  readyBody: '更新只需幾秒鐘，已保存的記錄和草稿不受影響。',
  updateNow: '立即更新',
  later: '稍後',
  dirty: '正在填寫的表單尚未完成。請先完成或保存表單，再按「立即更新」。',
  updating: '正在更新…',
  takenOver: '新版本已啟用',
  takenOverBody: '請先完成或保存正在填寫的表單，再按「重新載入」使用新版本。',
  takenOverClean: '按「重新載入」使用新版本。',
  reload: '重新載入',
} satisfies Strings<typeof UPDATE>;
