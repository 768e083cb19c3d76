import { defineMessages } from '../../i18n';

/** Strings of the location and photo parts. */
export const placeMessages = defineMessages('ui/forms/common/place-messages', {
  'zh-Hans': {
    location: '位置',
    locate: '获取当前位置',
    relocate: '重新定位',
    locating: '正在定位…',
    located: '{pos}（精度约 {acc} 米）',
    typed: '{pos}（手动输入）',
    manual: '手动输入坐标',
    manualLabel: '坐标（纬度, 经度）',
    manualHint: '例如 30.5728, 104.0668',
    manualUse: '使用此坐标',
    manualBad: '坐标格式不对：请输入“纬度, 经度”，例如 30.5728, 104.0668',
    fail_denied: '没有定位权限。',
    fail_unavailable: '暂时无法获取位置。',
    fail_timeout: '定位超时。',
    fail_unsupported: '本设备不支持定位。',
    fallback: '可以手动输入坐标，或只在“地点”中写明位置。',
    clear: '清除位置',
    photos: '照片',
    takePhoto: '拍照',
    pickPhoto: '从相册选择',
    processing: '正在处理 {n} 张照片…',
    photoFailed: '照片处理失败：{message}',
    photoAlt: '照片 {n}',
    covertPhotos: '暗访照片封存时加密，只有纠风办能查看。',
    noPhotosInAmend: '照片随原记录保存，更正时不能更改。',
  },
});
