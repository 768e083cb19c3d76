import type { Strings } from '../i18n';
import type { TYPE_NAMES } from './recordTypes';

export default { f2f: '面對面評議', forum: '座談會', visit: '明察暗訪', stall: '設點諮詢', followup: '回頭看', amend: '更正', void: '作廢' } satisfies Strings<
  typeof TYPE_NAMES
>;
