// ESLint (flat config): typescript-eslint, Preact hooks, jsx-a11y, and the layers of README.md
// "Architecture" as import boundaries. `npm run lint`.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of src/ and what each may not import (README.md "Architecture"). */
const APP = ['ui', 'server', 'store', 'sync', 'platform', 'pwa', 'sw', 'main'];
const BOUNDARIES = {
  domain: { banned: APP, why: 'src/domain imports nothing of the app (only src/domain and src/protocol)' },
  protocol: { banned: APP, why: 'src/protocol imports nothing of the app (only src/domain and src/protocol)' },
  server: { banned: ['ui', 'store', 'sync', 'platform', 'pwa', 'sw', 'main'], why: 'src/server never imports the tablet (ui, store, sync, platform)' },
  ui: { banned: ['server'], why: 'src/ui never imports src/server' },
  store: { banned: ['ui', 'server', 'sync', 'pwa', 'sw'], why: 'src/store sits under sync and ui, beside no server' },
  platform: { banned: ['ui', 'server', 'store', 'sync', 'pwa', 'sw'], why: 'src/platform holds thin adapters under store, sync and ui' },
  sync: { banned: ['ui', 'server', 'pwa'], why: 'src/sync sits under ui and never imports the server' },
};

/**
 * no-restricted-imports matches the import text, so each depth below src/<folder> gets the
 * patterns that climb back to src/ and into a banned folder ('../store/…' from src/server/x.ts,
 * '../../store/…' from src/server/routes/x.ts …); a folder's own sub-folders (src/server/store)
 * are reached without climbing to src/ and stay allowed.
 */
function boundaryConfigs() {
  const out = [];
  for (const [folder, { banned, why }] of Object.entries(BOUNDARIES)) {
    for (let depth = 0; depth < 6; depth++) {
      const up = '../'.repeat(depth + 1);
      out.push({
        files: [`src/${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': ['error', { patterns: [{ group: banned.flatMap((b) => [`${up}${b}`, `${up}${b}/**`]), message: why }] }],
        },
      });
    }
  }
  return out;
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', 'node_modules/**', 'reports/**', '.stryker-tmp*/**', '.tmp/**', 'public/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/pwa/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    settings: { 'jsx-a11y': { attributes: { for: ['htmlFor', 'for'] } } },
  },
  {
    // Migrations work on the schema as it was when they were written (Kysely<any>, as Kysely's Migration type has it).
    files: ['src/server/store/migrations/**/*.ts', 'src/server/store/rollback.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaryConfigs(),
  {
    // Tests and benchmarks reach into any layer, and may cast loosely built fixtures.
    files: ['test/**/*.{ts,tsx}', 'src/server/build.mjs'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
