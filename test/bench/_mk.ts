import { openStore } from '../../src/server/store/kysely-store';
import { fillCampaign } from './office-fill';
const store = await openStore({ kind: 'sqlite', file: '/tmp/pingyi-200k/bench.sqlite' });
const t = performance.now();
await fillCampaign(store, 200_000);
console.log('fill', performance.now() - t);
await store.close();
