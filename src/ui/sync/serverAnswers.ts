import { useT, type Translate } from '../i18n';
import { CODES, type CodeKey } from './codeMessages';

/** The codes that have their own words; `other` and `otherServer` are the fallbacks. */
const KNOWN = new Set<string>(Object.keys(CODES.en).filter((k) => k !== 'other' && k !== 'otherServer'));

/** The protocol code a retried answer's reason starts with ("unavailable: …"), if any. */
function codeInReason(reason: string | undefined): string | undefined {
  const m = /^([a-z]+(?:-[a-z]+)*):/.exec(reason ?? '');
  return m && KNOWN.has(m[1]!) ? m[1] : undefined;
}

/** What the tablet knows of a server answer: its code, the HTTP status, the reason it noted. */
export interface AnswerFacts {
  code: string;
  status?: number;
  /** The tablet's note of a retried answer ("network: Failed to fetch", "unavailable: …"): only its code is used. */
  reason?: string;
}

/**
 * A server answer in the user's language, by its code: a network failure or a 5xx recorded as
 * `network`/`server` is named by the protocol code inside its reason when there is one, else by
 * its status; an unknown code is named as such. Never the server's own (English) sentence.
 */
export function answerText(t: Translate<CodeKey>, a: AnswerFacts): string {
  const inner = a.code === 'server' || a.code === 'network' ? codeInReason(a.reason) : undefined;
  const code = inner ?? a.code;
  if (KNOWN.has(code)) {
    if (code === 'server' && a.status) return t('otherServer', { status: a.status });
    return t(code as CodeKey);
  }
  if (a.status && a.status >= 500) return t('otherServer', { status: a.status });
  return t('other', { code });
}

/** answerText in the current language. */
export function useAnswerText(): (a: AnswerFacts) => string {
  const t = useT(CODES);
  return (a) => answerText(t, a);
}
