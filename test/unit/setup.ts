import 'fake-indexeddb/auto';
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
