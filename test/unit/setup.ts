import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { options } from 'preact';
import { loadLang } from '../../src/ui/i18n';

// Components under test take their language from a provider rather than from the app's start-up,
// which loads a chosen language before its first screen: every language's strings are at hand.
await Promise.all([loadLang('zh-Hant'), loadLang('en')]);

// Preact runs effects after the next frame, with a 100 ms timer beside requestAnimationFrame whose
// callback calls cancelAnimationFrame. A component rendered at a file's end left that timer behind,
// and it fired after the DOM environment had been taken down ("cancelAnimationFrame is not
// defined"). Effects run on a plain timer instead, which needs nothing of the DOM.
options.requestAnimationFrame = (flush) => void setTimeout(flush, 0);

// Request bodies go to fetch as Blobs (src/sync/http.ts blobBody). Under jsdom, `Blob` is jsdom's
// class, which Node's fetch (undici: the fetch these tests call the real server with) does not know
// and would send as the text "[object Blob]". A browser has one Blob; here the body is read into
// bytes first, as the browser would send them.
/** jsdom's Blob has no arrayBuffer(): its FileReader reads it. */
const blobBytes = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
if (typeof window !== 'undefined' && typeof globalThis.fetch === 'function') {
  const nodeFetch = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body;
    if (body instanceof Blob) return nodeFetch(input, { ...init, body: await blobBytes(body) });
    return nodeFetch(input, init);
  };
}

// Each test starts with an empty localStorage, as each opens its own database: what one test's
// seals remembered there (store/witness.ts) would read as a lost database to the next one's app.
beforeEach(() => globalThis.localStorage?.clear());

// waitFor and findBy wait up to 5 s instead of Testing Library's 1 s: beside a server file on the
// other core, a seal (hashing, signing, IndexedDB) can take longer than a second. A seal that never
// lands still fails.
if (typeof document !== 'undefined') (await import('@testing-library/preact')).configure({ asyncUtilTimeout: 5000 });
