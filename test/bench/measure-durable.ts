import type { BrowserContext } from 'playwright-core';
import { questionnaire, timedAnswer, timedSeal } from '../e2e/durability';
import { startF2f } from '../e2e/flows';
import { startServer } from '../e2e/harness';
import { figure, percentile, type Figure } from './common';
import { seedRecords } from './list';

export interface DurableFigures {
  answer: Figure;
  seal: Figure;
  seeded: number;
}

/**
 * answerDurableP95Ms and sealDurableP95Ms: questionnaires answered and sealed through the app's
 * screens on a tablet holding `today` records sealed today, each tap timed until what it stored
 * is readable from a second IndexedDB connection, i.e. committed with strict durability: what a
 * kill of the browser leaves (test/e2e/kill.test.ts kills it for real at such moments). Its own
 * server, so its own origin and database. Each run fills `perRun` questionnaires (10 answers and
 * a seal each); the figures are over the runs' p95s.
 */
export async function durableFigures(ctx: BrowserContext, today: number, perRun: number, runs: number): Promise<DurableFigures> {
  const server = await startServer();
  const page = await ctx.newPage();
  try {
    const seeded = await seedRecords(page, server.url, { count: today, days: 1 });
    process.stdout.write(`(seeded ${seeded.count} today in ${(seeded.ms / 1000).toFixed(1)} s) `);
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('tile-f2f').waitFor({ timeout: 60_000 });
    await startF2f(page, '执法二大队');
    const answerP95: number[] = [];
    const sealP95: number[] = [];
    let n = 0;
    for (let run = 0; run < runs; run++) {
      const answers: number[] = [];
      const seals: number[] = [];
      for (let q = 0; q < perRun; q++, n++) {
        for (const [group, label] of questionnaire(n)) answers.push(await timedAnswer(page, group, label));
        seals.push(await timedSeal(page));
        // The next respondent's form: the seal button takes taps again.
        await page.getByRole('button', { name: '提交/封存' }).and(page.locator(':not([disabled])')).waitFor();
        await page.getByRole('radio', { name: /群众代表$/ }).waitFor();
      }
      if (answers.includes(-1) || seals.includes(-1)) throw new Error('a tap was not readable within 10 s');
      answerP95.push(percentile(answers, 95));
      sealP95.push(percentile(seals, 95));
    }
    return { answer: figure(answerP95), seal: figure(sealP95), seeded: seeded.count };
  } finally {
    await page.close();
    await server.close();
  }
}
