import { benchArchive } from './archive';
import { figure, type Bench } from './common';

const mib = (b: number) => (b / 1048576).toFixed(1);

/**
 * `archive200k`: the evidence archive (归档) of 200,000 questionnaires and 1,000 photos of 200 KB,
 * streamed to a file by a process of its own, beside the plain JSONL export of the same store
 * written the same way in the same run (time and peak RSS of each), then verified as
 * `npm run verify` does. One run: the fill takes minutes.
 */
export async function archiveFigures(b: Bench, quick: boolean): Promise<void> {
  await b.measure('archive200k', `evidence archive of ${b.sizes.tally} questionnaires and ${quick ? 100 : 1000} photos (SQLite)`, 'ms', async () => {
    const r = await benchArchive({ count: b.sizes.tally, photos: quick ? 100 : 1000 });
    b.note(
      `archive200k: archive ${(r.zip.ms / 1000).toFixed(1)} s, ${mib(r.zip.bytes)} MiB, peak RSS ${r.zip.maxRssMiB.toFixed(0)} MiB; ` +
        `plain JSONL export of the same store ${(r.jsonl.ms / 1000).toFixed(1)} s, ${mib(r.jsonl.bytes)} MiB, peak RSS ${r.jsonl.maxRssMiB.toFixed(0)} MiB; ` +
        `the archive verified (npm run verify) in ${(r.verify.ms / 1000).toFixed(1)} s, peak RSS ${r.verify.maxRssMiB.toFixed(0)} MiB`,
    );
    return figure([r.zip.ms]);
  });
}
