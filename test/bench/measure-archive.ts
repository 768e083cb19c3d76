import { benchArchive } from './archive';
import { figure, type Bench } from './common';

const mib = (b: number) => (b / 1048576).toFixed(1);

/**
 * `archive200k`: the evidence archive (归档) of 200,000 questionnaires and 1,000 photos of 200 KB,
 * streamed to a file by a process of its own, beside the plain JSONL export of the same store
 * written the same way in the same run (time and peak RSS of each), then verified as
 * `npm run verify` does. First the same at a quarter of the questionnaires, so that the run shows
 * whether memory grows with the records (it should hardly). One run each: the fill takes minutes.
 */
export async function archiveFigures(b: Bench, quick: boolean): Promise<void> {
  await b.measure('archive200k', `evidence archive of ${b.sizes.tally} questionnaires and ${quick ? 100 : 1000} photos (SQLite)`, 'ms', async () => {
    const photos = quick ? 100 : 1000;
    const quarter = await benchArchive({ count: b.sizes.tally / 4, photos });
    const r = await benchArchive({ count: b.sizes.tally, photos });
    for (const x of [quarter, r]) {
      b.note(
        `archive200k at ${x.count} questionnaires: archive ${(x.zip.ms / 1000).toFixed(1)} s, ${mib(x.zip.bytes)} MiB, peak RSS ${x.zip.maxRssMiB.toFixed(0)} MiB; ` +
          `plain JSONL export of the same store ${(x.jsonl.ms / 1000).toFixed(1)} s, ${mib(x.jsonl.bytes)} MiB, peak RSS ${x.jsonl.maxRssMiB.toFixed(0)} MiB; ` +
          `the archive verified (npm run verify) in ${(x.verify.ms / 1000).toFixed(1)} s, peak RSS ${x.verify.maxRssMiB.toFixed(0)} MiB`,
      );
    }
    const growth = (k: 'zip' | 'jsonl' | 'verify') => `${k} ${(r[k].maxRssMiB / quarter[k].maxRssMiB).toFixed(2)}`;
    b.note(`archive200k peak RSS at ${r.count} / at ${quarter.count} questionnaires: ${growth('zip')}, ${growth('jsonl')}, ${growth('verify')}`);
    return figure([r.zip.ms]);
  });
}
