import type { Campaign } from '../../src/domain/campaign';
import type { PingyiRecord } from '../../src/domain/records';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { signBatch } from '../../src/protocol/build';
import { canonString, ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, type PublicJwk } from '../../src/protocol/keys';
import { batchHolds } from '../../src/server/ingest/holds';
import { projectF2f } from '../../src/server/ingest/projection';
import type { Store } from '../../src/server/store/types';
import { campaign100 } from './measure-tally';
import { chainRecords } from './pages/fixtures';

/** Questionnaires one device seals on one working day: the campaign's daily cap (200). */
export const PER_DAY = 200;
/** Records per signed batch: two working days. */
const PER_BATCH = 2 * PER_DAY;

/**
 * Fills a store with `count` realistic questionnaires of the 100-unit campaign straight through
 * Store.ingest/append (no HTTP): devices enrolled with real Ed25519 keys, records chained and
 * signed in batches exactly as tablets send them, the audit log and f2f_effective kept as ingest
 * keeps them, and the holds decided as ingest decides them (`batchHolds` in the same transaction,
 * which also keeps the device's sealing days). The work is laid out as a field team's would be so
 * that nothing is held: each device seals at most `PER_DAY` (the default daily cap) questionnaires
 * on an Asia/Shanghai day, 90 s apart from 09:00 (so never 10 within 5 minutes), on consecutive
 * days. A few thousand records of another campaign are interleaved, so that an export has foreign
 * leaves to carry. Returns the campaign; throws if ingest's rules held any questionnaire.
 */
export async function fillCampaign(store: Store, count: number, devices = 40): Promise<Campaign> {
  const campaign = campaign100();
  const at = new Date().toISOString();
  await store.putCampaign(campaign, at);
  const per = Math.ceil(count / devices);
  let held = 0;
  for (let d = 0; d < devices; d++) {
    const n = Math.min(per, count - d * per);
    if (n > 0) held += await fillDevice(store, campaign, d, n);
    if (d % 10 === 0) held += await fillDevice(store, DEMO_CAMPAIGN, 1000 + d, PER_DAY);
  }
  if (held > 0) throw new Error(`the bench fill laid out ${held} questionnaires that ingest holds`);
  return campaign;
}

/** Enrolls device `d` and sends it `n` questionnaires; returns how many ingest's rules held. */
async function fillDevice(store: Store, campaign: Campaign, d: number, n: number): Promise<number> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicJwk = minimalJwk((await crypto.subtle.exportKey('jwk', pair.publicKey)) as PublicJwk);
  const keyId = await jwkThumbprint(publicJwk);
  const code = `BENCH${d}X${Date.now().toString(36).toUpperCase()}`;
  const now = new Date().toISOString();
  await store.createEnrollmentCode(
    {
      code,
      campaignId: campaign.id,
      role: 'representative',
      collector: `采集员${d}`,
      createdAt: now,
      expiresAt: '2099-01-01T00:00:00.000Z',
      usedAt: null,
      deviceId: null,
    },
    'admin-cli',
  );
  const device = await store.enrollDevice(code, { deviceId: `bench-${d}`, label: `bench ${d}`, alg: 'Ed25519', keyId, publicJwk }, now);
  if (device === 'code-used') throw new Error('enrollment code reused');
  const key = { deviceId: device.deviceId, keyId, alg: 'Ed25519' as const, privateKey: pair.privateKey };

  let prev = ZERO;
  let held = 0;
  // Each device works PER_DAY questionnaires a day, 90 s apart from 09:00 Asia/Shanghai (01:00 UTC),
  // on consecutive days from its own first day; data quality sees real spreads.
  const first = Date.parse('2026-06-15T01:00:00.000Z') + d * 86_400_000;
  for (let from = 0; from < n; from += PER_BATCH) {
    const chain: { record: PingyiRecord; hash: string }[] = [];
    for (let day = from; day < Math.min(n, from + PER_BATCH); day += PER_DAY) {
      const part = chainRecords({
        campaign,
        deviceId: device.deviceId,
        collector: device.collector,
        count: Math.min(PER_DAY, n - day),
        fromSeq: day + 1,
        prev,
        startMs: first + (day / PER_DAY) * 86_400_000,
        seed: d * 1_000_003 + day + 1,
      });
      prev = part[part.length - 1]!.hash;
      chain.push(...part);
    }
    const batch = await signBatch(
      chain.map((c) => c.record),
      key,
      new Date().toISOString(),
    );
    const checked = chain.map((c, index) => ({ index, record: c.record, hash: c.hash, canon: canonString(c.record), units: [String(c.record.body.unitId)] }));
    await store.ingest(async (tx) => {
      const holds = await batchHolds(tx, device.deviceId, campaign, checked);
      held += holds.size;
      return tx.append({
        deviceId: device.deviceId,
        header: batch.header,
        sig: batch.sig,
        receivedAt: new Date().toISOString(),
        records: checked,
        projection: projectF2f(checked, holds),
      });
    });
  }
  return held;
}
