import { DEMO_CAMPAIGN } from '../../src/domain/demo-campaign';
import type { PingyiRecord } from '../../src/domain/records';
import { H } from '../../src/protocol/canon';
import { DEMO_RATINGS, enrollDevice, type TestDevice } from './device';
import type { TestServer } from './harness';

/** A second campaign, so that the log holds records the demo export must show only as leaf hashes. */
export const OTHER_CAMPAIGN = { ...DEMO_CAMPAIGN, id: 'other', name: '另一评议活动' };

const ratings = (level: string) => Object.fromEntries(Object.keys(DEMO_RATINGS).map((d) => [d, level]));

/** Seals and sends records, failing loudly when the server refuses them. */
export async function send(device: TestDevice, records: PingyiRecord[]): Promise<void> {
  const r = await device.send(await device.batch(records));
  if (r.status !== 200) throw new Error(`batch: ${r.status} ${JSON.stringify(r.body)}`);
}

/**
 * A small but complete field day: two demo devices with questionnaires across units and groups
 * (不了解 included), an amendment, a void, a sealed inspection finding and a forum note, and a
 * device of another campaign in between. Returns every demo record sent.
 */
export async function fieldDay(server: TestServer): Promise<{ devices: TestDevice[]; records: PingyiRecord[] }> {
  const put = await server.admin('/api/v1/admin/campaigns/other', { method: 'PUT', body: OTHER_CAMPAIGN });
  if (put.status >= 300) throw new Error(`campaign: ${put.status} ${JSON.stringify(put.body)}`);
  const a = await enrollDevice(server, 'Ed25519');
  const b = await enrollDevice(server, 'ES256');
  const o = await enrollDevice(server, 'Ed25519', 'other');
  const all: PingyiRecord[] = [];

  const first = await a.seal([
    a.f2f({ unitId: 'brigade1', raterGroup: 'expert', overall: 'very', ratings: ratings('very') }),
    a.f2f({ unitId: 'brigade1', raterGroup: 'public', overall: 'fairly', ratings: ratings('fairly') }),
    a.f2f({ unitId: 'brigade1', raterGroup: 'client', overall: 'neutral', ratings: ratings('neutral') }),
    a.f2f({ unitId: 'brigade1', raterGroup: 'client', overall: 'unknown', ratings: ratings('unknown') }),
    a.f2f({ unitId: 'office', raterGroup: 'expert', overall: 'dissatisfied', ratings: ratings('less') }),
  ]);
  await send(a, first);
  all.push(...first);
  await send(o, await o.seal([o.f2f(), o.f2f()]));

  const second = await b.seal([
    b.f2f({ unitId: 'brigade2', raterGroup: 'public', overall: 'very', ratings: ratings('very'), comment: '=HYPERLINK("x") 办事快' }),
    b.f2f({ unitId: 'brigade2', raterGroup: 'expert', overall: 'less', ratings: ratings('neutral') }),
    b.unsealed(
      'visit',
      { unitId: 'approval', mode: 'covert', visitedAt: '2026-11-21T08:00:00.000Z', categories: ['attitude'], severity: 'serious' },
      {
        sealed: { alg: 'HPKE-P256-SHA256-AES256GCM', enc: 'QkVGT1JF', ct: 'Q0lQSEVSVEVYVA' },
      },
    ),
  ]);
  await send(b, second);
  all.push(...second);
  await send(o, await o.seal([o.f2f()]));

  const target = first[1]!;
  const voided = first[4]!;
  const corrections = await a.seal([
    a.unsealed('amend', { targetId: target.id, targetHash: await H(target), reason: '录入错误', body: { ...target.body, overall: 'very' } }),
    a.unsealed('void', { targetId: voided.id, targetHash: await H(voided), reason: '重复录入' }),
    a.unsealed('forum', {
      unitIds: ['brigade1'],
      title: '座谈会',
      heldAt: '2026-11-21T10:00:00.000Z',
      place: '会议室',
      attendees: { public: 12 },
      opinions: [],
    }),
  ]);
  await send(a, corrections);
  all.push(...corrections);
  return { devices: [a, b, o], records: all };
}
