import type { Campaign } from '../../src/domain/campaign';
import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import { signBatch } from '../../src/protocol/build';
import { canonString, ZERO } from '../../src/protocol/canon';
import { jwkThumbprint, minimalJwk, type PublicJwk } from '../../src/protocol/keys';
import { projectF2f } from '../../src/server/ingest/projection';
import type { Store } from '../../src/server/store/types';
import { campaign100 } from './measure-tally';
import { chainRecords } from './pages/fixtures';

/**
 * Fills a store with `count` realistic questionnaires of the 100-unit campaign straight through
 * Store.ingest/append (no HTTP): devices enrolled with real Ed25519 keys, records chained and
 * signed in batches of 500 exactly as tablets send them, the audit log and f2f_effective kept as
 * ingest keeps them. A few thousand records of another campaign are interleaved, so that an export
 * has foreign leaves to carry. Returns the campaign.
 */
export async function fillCampaign(store: Store, count: number, devices = 40): Promise<Campaign> {
  const campaign = campaign100();
  const at = new Date().toISOString();
  await store.putCampaign(campaign, at);
  const per = Math.ceil(count / devices);
  for (let d = 0; d < devices; d++) {
    const n = Math.min(per, count - d * per);
    if (n > 0) await fillDevice(store, campaign, d, n);
    if (d % 10 === 0) await fillDevice(store, DEMO_CAMPAIGN, 1000 + d, 200);
  }
  return campaign;
}

async function fillDevice(store: Store, campaign: Campaign, d: number, n: number): Promise<void> {
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
  // Each device works its own days; questionnaires 90 s apart, so data quality sees real spreads.
  const start = Date.parse('2026-06-15T01:00:00.000Z') + d * 86_400_000;
  for (let from = 0; from < n; from += 500) {
    const chain = chainRecords({
      campaign,
      deviceId: device.deviceId,
      collector: device.collector,
      count: Math.min(500, n - from),
      fromSeq: from + 1,
      prev,
      startMs: start + from * 90_000,
      seed: d * 1_000_003 + from + 1,
    });
    prev = chain[chain.length - 1]!.hash;
    const batch = await signBatch(
      chain.map((c) => c.record),
      key,
      new Date().toISOString(),
    );
    const checked = chain.map((c, index) => ({ index, record: c.record, hash: c.hash, canon: canonString(c.record), units: [String(c.record.body.unitId)] }));
    await store.ingest((tx) =>
      tx.append({
        deviceId: device.deviceId,
        header: batch.header,
        sig: batch.sig,
        receivedAt: new Date().toISOString(),
        records: checked,
        projection: projectF2f(checked),
      }),
    );
  }
}
