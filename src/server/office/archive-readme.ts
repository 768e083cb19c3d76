import { shanghaiIso } from '../../domain/shanghai-time';
import type { ExportCut } from './export-jsonl';

/** README.txt of an evidence archive: what is in it, how to verify it and how to open the sealed parts (in Chinese, for the office and its auditors). */
export function archiveReadme(o: { campaignId: string; name: string; cut: ExportCut; keyId: string }): string {
  const { cut } = o;
  return `评议通（Pingyi）评议活动证据归档
================================

评议活动：${o.name}（${o.campaignId}）
归档时间：${shanghaiIso(cut.exportedAt) ?? cut.exportedAt}
审计日志：前 ${cut.inputs.log.size} 条，根哈希 ${cut.inputs.log.root}
服务器密钥指纹（keyId）：${o.keyId}

一、归档内容
- export.jsonl：可核验导出。每条记录保持服务器收到时的原样（规范化 JSON），附设备、批次签名、
  审计日志（RFC 6962 默克尔树）、办公室的每项决定（操作记录）、手工评分、一票否决、服务器签名的
  日志检查点和统计结果。
- campaign-versions/<n>.json：活动定义的每一个版本，原样保存；index.json 列出各版本的时间、
  操作人和哈希（SHA-256，按规范化 JSON 计算）。
- office-actions.jsonl：本活动及全服务器的办公室操作（每行含哈希、日志序号和操作原文）。
- blobs/<sha256>：记录引用的每一个附件（照片），字节与服务器保存的完全一致，文件名就是其 SHA-256。
  暗访照片在平板上已加密，在这里仍是密文。
- manifest.json：清单。列出以上每个文件的大小和 SHA-256、每个附件及引用它的记录，并由服务器
  密钥签名（serverSig，Ed25519，签在规范化 JSON 上）。

二、如何核验
1. 向服务器索取公钥：GET /api/v1/server-key，核对其 keyId 与上面的指纹一致。
2. 在装有评议通的电脑上运行（无需联网、无需服务器）：
     npm run verify -- <本归档.zip> --key-id ${o.keyId}
   它逐项检查：导出格式、服务器密钥、每个批次的设备签名、每台设备的哈希链、审计日志根哈希与
   签名检查点、按同一计分规则重算的统计结果与签名统计结果、办公室决定的重放；以及本归档的清单
   签名、每个文件和附件的 SHA-256 与清单一致、记录引用的附件都在归档中。任何一项不符都会写明。
3. 也可以解压后单独核验导出：npm run verify -- export.jsonl；用任何 SHA-256 工具（如
   sha256sum blobs/*）核对附件：文件内容的 SHA-256 应等于其文件名。

三、如何解密保密内容
暗访问题的描述和涉及人员、受访人同意留下的联系方式、投诉人的联系方式，以及暗访照片，都在平板上
用本活动的公钥加密（HPKE，RFC 9180：DHKEM(P-256, HKDF-SHA256)、HKDF-SHA256、AES-256-GCM），
只有持有活动私钥的人才能解密。
- 记录中的 "sealed" 字段：{"alg","enc","ct"}，enc 和 ct 为 base64url；info 为
  {"protocol":"pingyi/1","recordId":"<记录 id>"} 的规范化 JSON。更正记录（amend）若原样保留了
  原记录的加密内容，其 body.keptFrom 指明应使用的记录 id。
- 加密照片（附件 "sealed": true）：文件前 65 字节为 enc，其余为 AES-256-GCM 密文；info 为
  {"protocol":"pingyi/1","recordId":"<记录 id>","purpose":"attachment"}；解密后的类型见记录中的 mime。
- 活动私钥文件由 npm run admin -- campaign-key 生成，用口令保护（PBKDF2-SHA256 600,000 次、
  AES-256-GCM）。最简便的做法：登录评议通控制台，在“暗访问题”或“意见梳理”页面选择私钥文件、
  输入口令，解密只在本机浏览器内进行，私钥不会上传。
- 私钥与口令须分开妥善保管；不得向被评单位提供投诉人、意见人或记录人的情况。
`;
}
