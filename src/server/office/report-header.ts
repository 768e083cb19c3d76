import type { Campaign } from '../../domain/campaign';
import type { Tally } from '../../domain/scoring';
import { shanghaiDateZh, shanghaiIso } from '../../domain/shanghai-time';

/**
 * What every document the office hands out from a tally states about where it comes from (the
 * 通报, the feedback pack, the archive): the campaign, the issuer, the date, the campaign version
 * the tally used, the audit log it was computed over and the key that signed it. With these, a
 * reader can fetch the server key (GET /api/v1/server-key, its keyId is the fingerprint) and check
 * the tally against the verifiable export (`npm run verify`).
 */
export interface ReportHeader {
  campaignId: string;
  campaignName: string;
  issuer: string;
  year: number;
  /** The tally's date in Asia/Shanghai, `2026年12月3日`. */
  date: string;
  /** When the tally was computed, ISO 8601 with +08:00. */
  computedAt: string;
  campaignVersion: number;
  campaignHash: string;
  logSize: number;
  logRoot: string;
  /** RFC 7638 thumbprint of the server's Ed25519 public key (its keyId). */
  serverKeyId: string;
  provisional: boolean;
}

export function reportHeader(campaign: Campaign, tally: Tally, serverKeyId: string): ReportHeader {
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    issuer: campaign.issuer,
    year: campaign.year,
    date: shanghaiDateZh(tally.computedAt),
    computedAt: shanghaiIso(tally.computedAt) ?? tally.computedAt,
    campaignVersion: tally.campaignVersion,
    campaignHash: tally.campaignHash,
    logSize: tally.logSize,
    logRoot: tally.logRoot,
    serverKeyId,
    provisional: tally.provisional,
  };
}

/** The header as label/value lines in Chinese, in the order a report prints them (xlsx and HTML alike). */
export function headerLines(h: ReportHeader): [string, string][] {
  return [
    ['评议活动', `${h.campaignName}（${h.campaignId}）`],
    ['发布单位', h.issuer],
    ['年度', String(h.year)],
    ['统计日期', h.date],
    ['计算时间', h.computedAt],
    ['活动版本', `第 ${h.campaignVersion} 版，定义哈希 ${h.campaignHash}`],
    ['审计日志', `前 ${h.logSize} 条，根哈希 ${h.logRoot}`],
    ['服务器密钥指纹', h.serverKeyId],
    ['统计状态', h.provisional ? '暂定：尚有问卷待审核，审核前不计入' : '正式'],
  ];
}
