import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF } from '../../../src/sync/backoff';
import { classify } from '../../../src/sync/http';
import { format, LANGS, type Lang } from '../../../src/ui/i18n';
import { CODES, type CodeKey } from '../../../src/ui/sync/codeMessages';
import { answerText } from '../../../src/ui/sync/serverAnswers';

const tr = (lang: Lang) => (key: CodeKey, vars?: Record<string, string | number>) => format(CODES[lang][key], vars);
const answer = (status: number, error: string, retryAfter: string) =>
  new Response(JSON.stringify({ error, message: 'The server says why in English.' }), {
    status,
    headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
  });

// The server's own troubles (PROTOCOL.md: 503 unavailable, 507 storage-full) are retried with
// backoff, never a refusal that stops the outbox, and named to the coordinator as the server's.
describe('a server that cannot store for now', () => {
  it('is retried after its Retry-After, and told by its code as a server problem in every language', async () => {
    for (const [status, code, after] of [
      [503, 'unavailable', '5'],
      [507, 'storage-full', '60'],
    ] as const) {
      const a = await classify(answer(status, code, after));
      expect(a).toMatchObject({ kind: 'retry', status, retryAfter: Number(after) });
      if (a.kind !== 'retry') throw new Error('not retried');
      expect(a.reason.startsWith(`${code}:`)).toBe(true);
      // The outbox notes a retried 5xx as `server` with that reason (src/sync/run.ts).
      for (const { id } of LANGS) expect(answerText(tr(id), { code: 'server', status, reason: a.reason })).toBe(CODES[id][code]);
      expect(backoffDelay(1, () => 0, a.retryAfter)).toBe(Math.max(BACKOFF.baseMs / 2, Number(after) * 1000));
    }
    expect(answerText(tr('zh-Hans'), { code: 'server', status: 507, reason: 'storage-full: disk full' })).toBe('服务器存储空间已满，请联系纠风办');
  });
});
