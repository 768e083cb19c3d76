// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, LANGS, type Lang } from '../../../src/ui/i18n';
import { CODES, type CodeKey } from '../../../src/ui/sync/codeMessages';
import { answerText } from '../../../src/ui/sync/serverAnswers';

const tr = (lang: Lang) => (key: CodeKey, vars?: Record<string, string | number>) => format(CODES[lang][key], vars);

/** Every error code the wire contract names (its tables and notes), read from PROTOCOL.md itself. */
function protocolCodes(): string[] {
  const doc = readFileSync(join(process.cwd(), 'src/protocol/PROTOCOL.md'), 'utf8');
  const codes = new Set<string>();
  for (const m of doc.matchAll(/\b[45][0-9]{2} `([a-z]+(?:-[a-z]+)*)`/g)) codes.add(m[1]!);
  for (const m of doc.matchAll(/\| [0-9]{3} \| `([a-z]+(?:-[a-z]+)*)`/g)) codes.add(m[1]!);
  return [...codes];
}

describe('server answers in the user’s language', () => {
  it('has its own words for every code of PROTOCOL.md, in every language', () => {
    const codes = protocolCodes();
    expect(codes).toEqual(expect.arrayContaining(['too-large', 'invalid-record', 'unknown-code', 'rate-limited', 'not-found']));
    for (const { id } of LANGS) {
      const t = tr(id);
      for (const code of codes) {
        const text = answerText(t, { code });
        expect(text, `${id} ${code}`).toBe(CODES[id][code as CodeKey]);
      }
    }
  });

  it('names the second wave’s codes: unavailable, storage-full, rate-limited, quota-exceeded', () => {
    const t = tr('zh-Hans');
    expect(answerText(t, { code: 'unavailable', status: 503 })).toBe('服务器暂时不可用（正在维护或太忙）');
    expect(answerText(t, { code: 'storage-full', status: 507 })).toBe('服务器存储空间已满，请联系纠风办');
    expect(answerText(t, { code: 'quota-exceeded', status: 413 })).toContain('超出了服务器允许');
    // A retried 503 is noted as `server` with the protocol's body in its reason: told by that code.
    expect(answerText(t, { code: 'server', status: 503, reason: 'unavailable: The server is shutting down.' })).toBe('服务器暂时不可用（正在维护或太忙）');
    expect(answerText(t, { code: 'server', status: 429, reason: 'rate-limited: Too many requests.' })).toBe('请求太频繁，服务器要求稍后再试');
  });

  it('never shows the browser’s or the server’s English inside Chinese, and falls back for unknown codes', () => {
    const t = tr('zh-Hans');
    expect(answerText(t, { code: 'network', reason: 'network: Failed to fetch' })).toBe('网络不通，或服务器没有响应');
    expect(answerText(t, { code: 'server', status: 502, reason: 'HTTP 502' })).toBe('服务器暂时出错（HTTP 502）');
    expect(answerText(t, { code: 'server', status: 500, reason: 'Something broke badly' })).toBe('服务器暂时出错（HTTP 500）');
    expect(answerText(t, { code: 'brand-new-code', status: 422 })).toBe('服务器拒绝了请求（代码 brand-new-code）');
    expect(answerText(t, { code: 'brand-new-code', status: 599 })).toBe('服务器暂时出错（HTTP 599）');
    expect(answerText(tr('zh-Hant'), { code: 'network' })).toBe('網路不通，或伺服器沒有回應');
    expect(answerText(tr('en'), { code: 'code-used' })).toBe('The enrollment code has already been used');
    for (const { id } of LANGS.filter((l) => l.id !== 'en')) {
      for (const text of Object.values(CODES[id])) expect(text.replace(/\{\w+\}|HTTP/g, ''), id).not.toMatch(/[A-Za-z]{4,}/);
    }
  });
});
