import 'fake-indexeddb/auto';
import { loadLang } from '../../src/ui/i18n';

// Components under test take their language from a provider rather than from the app's start-up,
// which loads a chosen language before its first screen: every language's strings are at hand.
await Promise.all([loadLang('zh-Hant'), loadLang('en')]);
