import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord } from '../../domain/records';
import { shanghaiIso } from '../../domain/shanghai-time';
import type { StoredRow } from './export-source';
import { STATUS_LABELS, type ExportStatus } from './export-status';

export type Cell = string | number | null;

const TYPE_LABELS: Record<string, string> = { f2f: '面对面问卷', forum: '座谈会', visit: '明察暗访', stall: '设点咨询', amend: '更正', void: '作废' };
const CHANNEL_LABELS: Record<string, string> = { stall: '设点咨询', forum: '座谈会', visit: '走访', door: '入户', other: '其他' };

/**
 * The readable table of a campaign's records (CSV and XLSX): one row per record, labels instead of
 * ids (names beside ids), a column per dimension and per check, the row's status for the tally
 * (export-status.ts) and every time in Asia/Shanghai (ISO 8601, +08:00). Confidential fields
 * (`sealed`) stay ciphertext: the server never holds the key to open them. An amendment's row shows
 * its replacement answers. `notes` explains each column (the xlsx's 说明 sheet).
 */
export function exportTable(campaign: Campaign) {
  const names = {
    units: new Map(campaign.units.map((u) => [u.id, u.name])),
    groups: new Map(campaign.raterGroups.map((g) => [g.id, g.label])),
    scale: new Map(campaign.scale.map((l) => [l.key, l.label])),
    categories: new Map(campaign.findingCategories.map((c) => [c.id, c.label])),
    severities: new Map(campaign.severities.map((c) => [c.id, c.label])),
  };
  // An id the campaign no longer names is shown as is rather than dropped.
  const label = (m: Map<string, string>, id: unknown) => (typeof id === 'string' ? (m.get(id) ?? id) : null);
  const units = (ids: unknown) => (Array.isArray(ids) ? ids.map((id) => label(names.units, id)).join('、') : null);
  const checks = campaign.checks ?? [];

  const columns: [string, string][] = [
    ['日志序号', '记录在审计日志中的位置（从 0 起），即服务器接收的先后顺序'],
    ['记录类型', '面对面问卷、座谈会、明察暗访、设点咨询、更正、作废'],
    [
      '状态',
      'counted 计入统计；held 待审核；excluded 已剔除；voided 已作废；superseded 已被更正；correction 更正或作废记录；other 非问卷记录。按 counted 筛选即为统计所用的答卷',
    ],
    ['状态说明', '状态的中文说明'],
    ['记录编号', '记录的唯一编号（平板生成）'],
    ['记录哈希', '记录的 SHA-256 哈希 H(record)，核验文件和回执中的编号'],
    ['设备', '提交记录的平板编号'],
    ['序号', '该平板上的记录序号（哈希链中的位置）'],
    ['采集人', '登记平板时确定的采集人'],
    ['填写时间', '开始填写的时间，北京时间（ISO 8601，+08:00）'],
    ['封存时间', '封存的时间，北京时间（+08:00）'],
    ['接收时间', '服务器接收的时间，北京时间（+08:00）'],
    ['被评单位', '被评单位名称（座谈会可涉及多个单位，以“、”分隔）'],
    ['被评单位编号', '被评单位在活动定义中的编号，与名称一一对应'],
    ['评议主体', '受访者所属的评议主体'],
    ['评议主体编号', '评议主体在活动定义中的编号'],
    ['方式', '问卷的发放方式'],
    ['总体评价', '总体满意度评价等级'],
    ...campaign.dimensions.map((d): [string, string] => [d.label, `评议内容“${d.label}”的评价等级`]),
    ...checks.map((c): [string, string] => [c.label, `核查问题：是 / 否`]),
    ['意见建议', '受访者的意见建议原文'],
    ['年龄段', '受访者年龄段'],
    ['职业', '受访者职业'],
    ['用时(秒)', '填写问卷所用时间，秒'],
    ['纬度E6', '纬度 × 1,000,000'],
    ['经度E6', '经度 × 1,000,000'],
    ['标题/地点', '座谈会标题或地点、暗访地点'],
    ['时间', '座谈会召开、暗访、设点咨询的时间，北京时间（+08:00）'],
    ['问题类别', '暗访发现的问题类别'],
    ['程度', '问题的严重程度'],
    ['人数', '座谈会出席或设点咨询来访人数'],
    ['其他内容(JSON)', '以上各列之外的内容，原样保留'],
    ['更正对象', '更正或作废所针对的记录编号'],
    ['更正原因', '更正或作废的理由'],
    ['密封内容(密文)', '加密的保密内容，只能在纠风办浏览器中用活动私钥解密'],
    ['附件', '附件的 SHA-256、类型；(密文) 表示加密附件'],
  ];
  const headers = columns.map(([h]) => h);
  const notes = columns;
  const time = (x: unknown) => (typeof x === 'string' ? (shanghaiIso(x) ?? x) : null);

  function row(stored: StoredRow, r: PingyiRecord, status: ExportStatus): Cell[] {
    const isCorrection = r.type === 'amend' || r.type === 'void';
    const b = (r.type === 'amend' ? (r.body.body as Record<string, unknown>) : isCorrection ? {} : r.body) ?? {};
    const ratings = (b.ratings ?? {}) as Record<string, unknown>;
    const checked = (b.checks ?? {}) as Record<string, unknown>;
    const resp = (b.respondent ?? {}) as Record<string, unknown>;
    const loc = (b.location ?? {}) as Record<string, unknown>;
    const num = (x: unknown) => (typeof x === 'number' ? x : null);
    const str = (x: unknown) => (typeof x === 'string' ? x : null);
    const {
      unitId,
      unitIds,
      raterGroup,
      channel,
      overall,
      ratings: _r,
      checks: _c,
      comment,
      respondent: _p,
      durationMs,
      location: _l,
      title,
      place,
      heldAt,
      visitedAt,
      openedAt,
      closedAt,
      categories,
      severity,
      visitors,
      attendees,
      ...rest
    } = b;
    const when = [time(heldAt), time(visitedAt), openedAt && closedAt ? `${time(openedAt)}–${time(closedAt)}` : time(openedAt)].find(
      (x) => typeof x === 'string',
    );
    return [
      stored.logIdx,
      TYPE_LABELS[r.type] ?? r.type,
      status,
      STATUS_LABELS[status],
      r.id,
      stored.hash,
      r.deviceId,
      r.seq,
      r.collector,
      time(r.createdAt),
      time(r.sealedAt),
      time(stored.receivedAt),
      typeof unitId === 'string' ? label(names.units, unitId) : units(unitIds),
      str(unitId) ?? (Array.isArray(unitIds) ? unitIds.join('、') : null),
      label(names.groups, raterGroup),
      str(raterGroup),
      typeof channel === 'string' ? (CHANNEL_LABELS[channel] ?? channel) : null,
      label(names.scale, overall),
      ...campaign.dimensions.map((d) => label(names.scale, ratings[d.id])),
      ...checks.map((c) => (checked[c.id] === true ? '是' : checked[c.id] === false ? '否' : null)),
      str(comment),
      str(resp.ageBand),
      str(resp.occupation),
      typeof durationMs === 'number' ? Math.round(durationMs / 1000) : null,
      num(loc.latE6),
      num(loc.lonE6),
      str(title) ?? str(place),
      (when as string | undefined) ?? null,
      Array.isArray(categories) ? categories.map((c) => label(names.categories, c)).join('、') : null,
      label(names.severities, severity),
      num(visitors) ?? (attendees && typeof attendees === 'object' ? Object.values(attendees as Record<string, number>).reduce((s, n) => s + n, 0) : null),
      Object.keys(rest).length > 0 ? JSON.stringify(rest) : null,
      isCorrection ? str(r.body.targetId) : null,
      isCorrection ? str(r.body.reason) : null,
      r.sealed ? JSON.stringify(r.sealed) : null,
      r.attachments?.length ? r.attachments.map((a) => `${a.sha256} ${a.mime}${a.sealed ? ' (密文)' : ''}`).join('; ') : null,
    ];
  }

  return { headers, notes, row };
}
