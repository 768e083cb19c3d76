/**
 * The layout of a campaign definition as an .xlsx workbook (活动设置 → 导入/导出): one sheet per
 * list, with a header row, as offices keep these lists in Excel. Each column maps one field of a
 * list item; the 活动 sheet holds the single fields as 项目 | 内容 rows.
 */
export type CellKind = 'text' | 'id' | 'number' | 'optional-number' | 'flag' | 'json';

export interface Column {
  /** Header text (Chinese, as the office reads it). */
  header: string;
  /** The field of the list item (`labels.en`: a field of a nested object). */
  field: string;
  kind: CellKind;
  /** May be left empty (optional fields). */
  optional?: boolean;
}

export interface ListSheet {
  name: string;
  /** The definition's list this sheet holds (`units`, `dimensions` …). */
  list: string;
  columns: Column[];
  optional?: boolean;
}

const idCol = (header = '编号'): Column => ({ header, field: 'id', kind: 'id' });
const labelCol = (header = '名称'): Column => ({ header, field: 'label', kind: 'text' });
/** The optional names in the field app's other languages (`labels` of the definition). */
const labelsCols: Column[] = [
  { header: '繁体名称', field: 'labels.zh-Hant', kind: 'text', optional: true },
  { header: '英文名称', field: 'labels.en', kind: 'text', optional: true },
];

export const LIST_SHEETS: ListSheet[] = [
  {
    name: '被评单位',
    list: 'units',
    columns: [
      idCol(),
      { header: '名称', field: 'name', kind: 'text' },
      { header: '类别', field: 'category', kind: 'text', optional: true },
      { header: '停用', field: 'retired', kind: 'flag', optional: true },
      ...labelsCols,
    ],
  },
  { name: '评议内容', list: 'dimensions', columns: [idCol(), labelCol(), { header: '说明', field: 'hint', kind: 'text', optional: true }, ...labelsCols] },
  {
    name: '评价等级',
    list: 'scale',
    columns: [
      { header: '编号', field: 'key', kind: 'id' },
      labelCol(),
      { header: '分值', field: 'score', kind: 'optional-number', optional: true },
      ...labelsCols,
    ],
  },
  { name: '评议主体', list: 'raterGroups', columns: [idCol(), labelCol(), { header: '权重', field: 'weight', kind: 'number' }, ...labelsCols] },
  {
    name: '是否问题',
    list: 'checks',
    // 所属评议内容: the id of the dimension the question is asked under (empty: after the overall rating).
    columns: [idCol(), labelCol(), { header: '所属评议内容', field: 'dimension', kind: 'id', optional: true }, ...labelsCols],
    optional: true,
  },
  { name: '问题类别', list: 'findingCategories', columns: [idCol(), labelCol(), ...labelsCols] },
  { name: '严重程度', list: 'severities', columns: [idCol(), labelCol(), ...labelsCols] },
  {
    name: '工作阶段',
    list: 'stages',
    columns: [idCol(), labelCol(), { header: '开始', field: 'from', kind: 'text' }, { header: '结束', field: 'to', kind: 'text' }],
    optional: true,
  },
];

/** One row per part; the component's own fields on each of its rows (the first one counts). */
export const COMPONENT_SHEET = {
  name: '得分构成',
  columns: [
    { header: '分项编号', field: 'component', kind: 'id' },
    { header: '分项名称', field: 'componentLabel', kind: 'text' },
    { header: '满分', field: 'max', kind: 'number' },
    { header: '来源', field: 'from', kind: 'text' },
    { header: '人工分编号', field: 'id', kind: 'id', optional: true },
    { header: '人工分名称', field: 'label', kind: 'text', optional: true },
    { header: '比重', field: 'weight', kind: 'number' },
  ] satisfies Column[],
};

export const SOURCE_WORDS = { survey: '问卷', manual: '人工' } as const;

/** The 活动 sheet: single fields by their Chinese names. */
export const CAMPAIGN_SHEET = {
  name: '活动',
  rows: [
    { header: '活动编号', field: 'id', kind: 'id' },
    { header: '活动名称', field: 'name', kind: 'text' },
    { header: '年度', field: 'year', kind: 'number' },
    { header: '组织单位', field: 'issuer', kind: 'text' },
    { header: '每组最少样本', field: 'minSamplePerGroup', kind: 'number' },
    { header: '参加排名最少问卷数', field: 'minSampleToRank', kind: 'number', optional: true },
    { header: '分类排名', field: 'rankWithin', kind: 'flag', optional: true },
    { header: '上一年度活动', field: 'previous', kind: 'id', optional: true },
    { header: '加分名称', field: 'bonusLabel', kind: 'text', optional: true },
    { header: '加分计入分项', field: 'bonusComponent', kind: 'id', optional: true },
    { header: '加分（按名次，用、分隔）', field: 'bonusByRank', kind: 'text', optional: true },
    { header: '加密公钥', field: 'encryptionKey', kind: 'json', optional: true },
    // The limits on one device's questionnaires (empty: the default; 不限: off).
    { header: '每台设备每天问卷上限', field: 'limitPerDay', kind: 'text', optional: true },
    { header: '短时上限：问卷份数', field: 'limitBurstCount', kind: 'text', optional: true },
    { header: '短时上限：分钟数', field: 'limitBurstMinutes', kind: 'text', optional: true },
  ] satisfies Column[],
};

/** A limit turned off (`null` in the definition). */
export const NO_LIMIT = '不限';

export const YES = '是';
