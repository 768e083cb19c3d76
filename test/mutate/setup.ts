// The only global the suites of the mutation run need: IndexedDB for the store and sync tests.
// Unlike test/unit/setup.ts it loads no UI language, which would cost every mutant's run of a file.
import 'fake-indexeddb/auto';
