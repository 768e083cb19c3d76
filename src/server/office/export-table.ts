import type { Campaign } from '../../domain/campaign';
import type { PingyiRecord } from '../../domain/records';
import type { StoredRow } from './export-source';

export type Cell = string | number | null;

const TYPE_LABELS: Record<string, string> = { f2f: '面对面问卷', forum: '座谈会', visit: '明察暗访', stall: '设点咨询', amend: '更正', void: '作废' };
const CHANNEL_LABELS: Record<string, string> = { stall: '设点咨询', forum: '座谈会', visit: '走访', door: '入户', other: '其他' };

/**
 * The readable table of a campaign's records (CSV and XLSX): one row per record, labels instead of
 * ids, a column per dimension and per check. Confidential fields (`sealed`) stay ciphertext: the
 * server never holds the key to open them. An amendment's row shows its replacement answers.
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

  const headers = [
    '日志序号',
    '记录类型',
    '记录编号',
    '记录哈希',
    '设备',
    '序号',
    '采集人',
    '填写时间',
    '封存时间',
    '接收时间',
    '被评单位',
    '被评单位编号',
    '评议主体',
    '方式',
    '总体评价',
    ...campaign.dimensions.map((d) => d.label),
    ...checks.map((c) => c.label),
    '意见建议',
    '年龄段',
    '职业',
    '用时(秒)',
    '纬度E6',
    '经度E6',
    '标题/地点',
    '时间',
    '问题类别',
    '程度',
    '人数',
    '其他内容(JSON)',
    '更正对象',
    '更正原因',
    '密封内容(密文)',
    '附件',
  ];

  function row(stored: StoredRow, r: PingyiRecord): Cell[] {
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
    const when = [heldAt, visitedAt, openedAt && closedAt ? `${String(openedAt)}–${String(closedAt)}` : openedAt].find((x) => typeof x === 'string');
    return [
      stored.logIdx,
      TYPE_LABELS[r.type] ?? r.type,
      r.id,
      stored.hash,
      r.deviceId,
      r.seq,
      r.collector,
      r.createdAt,
      r.sealedAt,
      stored.receivedAt,
      typeof unitId === 'string' ? label(names.units, unitId) : units(unitIds),
      str(unitId),
      label(names.groups, raterGroup),
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

  return { headers, row };
}
