import { CampaignSchema } from '../../../domain/campaign';
import { compareTallies, computeTally, parseManualScores, type Tally } from '../../../domain/scoring';
import { limitsAtArrival, reviewedCounts } from './decisions';
import { H, toHex, ZERO } from '../../../protocol/canon';
import { importPublicKey, jwkThumbprint, parsePublicJwk, verifyCanon } from '../../../protocol/keys';
import { note, type CheckResult, type ReadState } from './state';

const result = (name: string, problems: string[], detail: string): CheckResult => ({ name, ok: problems.length === 0, detail, problems });

/** The file is whole: header first, every part present once, the end line's counts match. */
export function checkFormat(s: ReadState): CheckResult {
  const p = [...s.formatProblems];
  for (const [what, v] of [
    ['export header', s.header],
    ['server key', s.serverKey],
    ['campaign', s.campaign],
    ['manual scores', s.manual],
    ['checkpoint', s.checkpoint],
    ['tally', s.tally],
    ['end line', s.end],
  ] as const) {
    if (!v) note(p, `the ${what} line is missing`);
  }
  if (s.end) {
    for (const k of ['devices', 'batches', 'records', 'actions', 'leaves'] as const) {
      if ((s.end[k] ?? 0) !== s.counts[k]) note(p, `the end line counts ${s.end[k] ?? 0} ${k}, the file holds ${s.counts[k]}`);
    }
  }
  return result(
    'format',
    p,
    `${s.lines} lines, ${s.counts.records} records, ${s.counts.actions} office actions, ${s.counts.batches} batches, ${s.counts.devices} devices`,
  );
}

/** The server key is a well-formed Ed25519 key whose keyId is its thumbprint (and the expected one, if given). */
export async function checkServerKey(s: ReadState, expectedKeyId?: string): Promise<CheckResult> {
  const p: string[] = [];
  const jwk = s.serverKey ? parsePublicJwk('Ed25519', s.serverKey.jwk) : null;
  if (!jwk) note(p, 'the server key is not an Ed25519 public JWK');
  else if ((await jwkThumbprint(jwk)) !== s.serverKey!.keyId) note(p, 'the keyId is not the thumbprint of the key');
  if (expectedKeyId && s.serverKey?.keyId !== expectedKeyId) note(p, `the key is ${s.serverKey?.keyId}, not the expected ${expectedKeyId}`);
  const detail =
    `keyId ${s.serverKey?.keyId ?? '?'}` + (expectedKeyId ? ' (as expected)' : ' — compare it with GET /api/v1/server-key of the server you trust');
  return result('server key', p, detail);
}

/** Every batch header is signed by its device's enrolled key. */
export async function checkBatchSignatures(s: ReadState): Promise<CheckResult> {
  const p: string[] = [];
  const keys = new Map<string, CryptoKey | null>();
  for (const d of s.devices.values()) {
    const jwk = parsePublicJwk(d.alg, d.publicJwk);
    keys.set(d.deviceId, jwk && (await jwkThumbprint(jwk)) === d.keyId ? await importPublicKey(d.alg, jwk) : null);
    if (!keys.get(d.deviceId)) note(p, `device ${d.deviceId}: its key does not match its keyId`);
  }
  for (const b of s.batches) {
    const d = s.devices.get(b.header.deviceId);
    const key = keys.get(b.header.deviceId);
    if (!d || !key) note(p, `batch ${b.header.deviceId} ${b.header.fromSeq}–${b.header.toSeq}: unknown device`);
    else if (b.header.keyId !== d.keyId) note(p, `batch ${d.deviceId} ${b.header.fromSeq}–${b.header.toSeq}: signed with another key`);
    else if (!(await verifyCanon(d.alg, key, b.sig, b.header)))
      note(p, `batch ${d.deviceId} ${b.header.fromSeq}–${b.header.toSeq}: the signature does not verify`);
  }
  return result('batch signatures', p, `${s.batches.length} batch signatures of ${s.devices.size} devices`);
}

/**
 * Every device chain: seqs 1…head with no gap, each prev the hash of the record before, the head as
 * the device line says; every batch's prevHash and headHash are the hashes of its end records, and
 * the head is the headHash of a signed batch (which covers the whole chain through the prev links).
 */
export function checkChains(s: ReadState): CheckResult {
  const p = [...s.recordProblems];
  for (const [deviceId, chain] of s.chains) {
    const d = s.devices.get(deviceId);
    if (!d) {
      note(p, `records of device ${deviceId}, which the export does not list`);
      continue;
    }
    let prev = ZERO;
    for (let seq = 1; seq <= chain.size; seq++) {
      const r = chain.get(seq);
      if (!r) {
        note(p, `device ${deviceId}: seq ${seq} is missing`);
        break;
      }
      if (r.prev !== prev) note(p, `device ${deviceId}: seq ${seq} does not link to the record before`);
      prev = r.hash;
    }
    if (d.headSeq !== chain.size || d.headHash !== prev) note(p, `device ${deviceId}: head is seq ${chain.size}, the device line says ${d.headSeq}`);
  }
  for (const d of s.devices.values()) {
    if (d.headSeq > 0 && !s.chains.has(d.deviceId)) note(p, `device ${d.deviceId}: its ${d.headSeq} records are missing`);
  }
  const signedHeads = new Set<string>();
  for (const b of s.batches) {
    const chain = s.chains.get(b.header.deviceId);
    const { fromSeq, toSeq, count, prevHash, headHash } = b.header;
    const at = (seq: number) => (seq === 0 ? ZERO : chain?.get(seq)?.hash);
    if (count !== toSeq - fromSeq + 1) note(p, `batch ${b.header.deviceId} ${fromSeq}–${toSeq}: count ${count}`);
    if (at(fromSeq - 1) !== prevHash) note(p, `batch ${b.header.deviceId} ${fromSeq}–${toSeq}: prevHash is not the hash of seq ${fromSeq - 1}`);
    if (at(toSeq) !== headHash) note(p, `batch ${b.header.deviceId} ${fromSeq}–${toSeq}: headHash is not the hash of seq ${toSeq}`);
    else signedHeads.add(`${b.header.deviceId}/${toSeq}`);
  }
  for (const d of s.devices.values()) {
    if (d.headSeq > 0 && !signedHeads.has(`${d.deviceId}/${d.headSeq}`)) note(p, `device ${d.deviceId}: no signed batch ends at its head, seq ${d.headSeq}`);
  }
  return result('device chains', p, `${s.chains.size} chains, ${s.counts.records} records`);
}

/** The Merkle root of all leaves equals the signed checkpoint, which the header and tally name too. */
export async function checkLog(s: ReadState): Promise<CheckResult> {
  const p: string[] = [];
  const cp = s.checkpoint?.checkpoint;
  const size = cp?.logSize ?? s.header?.logSize ?? 0;
  if (s.duplicateLeaves.length) note(p, `log positions given twice: ${s.duplicateLeaves.slice(0, 5).join(', ')}`);
  if (s.leaves.length > size) note(p, `leaves beyond the checkpoint's ${size}`);
  const holes: number[] = [];
  for (let i = 0; i < size && holes.length < 5; i++) if (s.leaves.get(i) === undefined) holes.push(i);
  if (holes.length) note(p, `log positions missing (records removed?): ${holes.join(', ')}${holes.length === 5 ? ' …' : ''}`);
  const jwk = s.serverKey ? parsePublicJwk('Ed25519', s.serverKey.jwk) : null;
  if (!cp || !jwk) note(p, 'no checkpoint or no server key to check it with');
  else {
    if (!(await verifyCanon('Ed25519', await importPublicKey('Ed25519', jwk), s.checkpoint!.serverSig, cp)))
      note(p, 'the checkpoint signature does not verify');
    if (s.header && (s.header.logSize !== cp.logSize || s.header.logRoot !== cp.logRoot)) note(p, 'the export header names another log head');
    if (holes.length === 0 && s.leaves.length <= size) {
      const root = toHex(s.leaves.root(size)!);
      if (root !== cp.logRoot) note(p, `the recomputed root ${root.slice(0, 16)}… is not the signed ${cp.logRoot.slice(0, 16)}…`);
    }
  }
  return result('audit log', p, `root over ${size} leaves against the signed checkpoint`);
}

/** The signed tally is the tally of these records and manual scores (computedAt aside, numbers to 1e-9). */
export async function checkTally(s: ReadState): Promise<CheckResult> {
  const p: string[] = [];
  const campaign = CampaignSchema.safeParse(s.campaign);
  const jwk = s.serverKey ? parsePublicJwk('Ed25519', s.serverKey.jwk) : null;
  const signed = s.tally?.tally as unknown as Tally | undefined;
  if (!campaign.success) note(p, 'the campaign definition is not valid');
  if (!signed || !jwk) note(p, 'no tally or no server key');
  if (!campaign.success || !signed || !jwk) return result('tally', p, 'not recomputed');
  if (!(await verifyCanon('Ed25519', await importPublicKey('Ed25519', jwk), s.tally!.serverSig, signed))) note(p, 'the tally signature does not verify');
  const cp = s.checkpoint?.checkpoint;
  if (cp && (signed.logSize !== cp.logSize || signed.logRoot !== cp.logRoot)) note(p, 'the tally names another log head than the checkpoint');
  const manual = parseManualScores(campaign.data, { scores: s.manual?.scores ?? {}, bonusRanking: s.manual?.bonusRanking ?? [] });
  if (!manual.ok) note(p, `the manual scores are not valid for the campaign: ${manual.path} ${manual.message}`);
  else {
    const campaignHash = await H(s.campaign);
    if (signed.campaignHash !== campaignHash)
      note(p, `the tally names campaign hash ${String(signed.campaignHash).slice(0, 16)}…, the exported definition hashes to ${campaignHash.slice(0, 16)}…`);
    if (signed.campaignVersion !== campaign.data.version)
      note(p, `the tally names campaign version ${signed.campaignVersion}, the export holds version ${campaign.data.version}`);
    const meta = { campaignVersion: signed.campaignVersion, campaignHash, computedAt: signed.computedAt, logSize: signed.logSize, logRoot: signed.logRoot };
    // Holds replayed from the device chains, then the office's review decisions (PROTOCOL.md "Held
    // questionnaires"); their problems are named by the office-decisions check.
    const { aggregate, counts } = reviewedCounts(s, await limitsAtArrival(s, campaign.data));
    const recomputed = computeTally(campaign.data, aggregate, manual.value, meta, s.vetoes?.vetoes ?? {}, counts);
    for (const d of compareTallies(recomputed, signed)) note(p, `tally${d}`);
  }
  const ranked = signed.units?.filter((u) => u.rank !== null).length ?? 0;
  return result('tally', p, `${signed.units?.length ?? 0} units (${ranked} ranked) recomputed from ${s.answers.taken} questionnaires and corrections`);
}
