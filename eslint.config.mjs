// ESLint keeps the architecture: which folder may import what, a pure engine, files under
// 400 lines. Import cycles are checked by scripts/lint-cycles.ts, dead files and exports
// by knip, unused locals and parameters by tsc (tsconfig.json). scripts/lint.test.ts checks
// that each rule below still fires.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { tseslint } from '@playground/lint';

/** A pattern group for @typescript-eslint/no-restricted-imports: specifiers matching `regex`. */
const forbid = (regex, message, extra = {}) => ({ regex, message, ...extra });

// Specifiers that reach a top-level folder, by alias (@engine/x) or relatively (../../engine/x).
const folder = (...names) => `^((\\.\\./)+|@)(${names.join('|')})(/|$)`;

const UI = forbid('^(react|react-dom|next|zustand|@xyflow/react|lz-string)(/|$)',
  'engine/ is pure: no React, Next, zustand, React Flow or page libraries (data flows engine → trace → store → view).');
const ENGINE_UP = forbid(folder('store', 'components', 'app', 'lib', 'bench', 'e2e'),
  'engine/ imports nothing from the page (store, components, app, lib), bench or e2e.');
const NODE = forbid('^(node:|(fs|path|os|child_process|worker_threads|crypto|http|https|net|url|util|events|process)(/|$))',
  'engine/ is pure: no Node built-ins outside tests (no I/O, clocks or OS randomness).');
const CORE_ONLY = forbid('^(\\.\\./(?!core(/|$))|(\\.\\./){2,}|@)',
  'a mechanism folder (gnttab, evtchn, ring, xenstore, scenario) imports only engine/core and itself.');
const CORE_LEAF = forbid('^(\\.\\./(?!scenario/types$)|@)', 'engine/core imports nothing outside engine/core.');
// The trace names the scenario's step ops (an error event carries the step's op): types only.
const CORE_SCENARIO_TYPES = forbid('^\\.\\./scenario/types$', 'engine/core may name the scenario\'s types only (`import type`).', { allowTypeImports: true });

const MECHANISMS = ['gnttab', 'evtchn', 'ring', 'xenstore', 'scenario'].map((m) => `engine/${m}/**/*.ts`);
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** One no-restricted-imports block per group of engine files: later blocks replace a rule's options, so each file matches exactly one. */
function engineImports(name, files, ignores, extra) {
  return [
    { name: `${name} (source)`, files, ignores: [...ignores, ...TESTS], patterns: [UI, ENGINE_UP, NODE, ...extra] },
    { name: `${name} (tests)`, files: files.map((f) => f.replace(/\.ts$/, '.test.ts')), ignores, patterns: [UI, ENGINE_UP, ...extra] },
  ].map(({ name: n, files: f, ignores: i, patterns }) => ({
    name: `engine imports: ${n}`,
    files: f,
    ignores: i,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  }));
}

const CLOCKS_AND_DOM = [
  'Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'crypto',
  'window', 'self', 'globalThis', 'document', 'navigator', 'location', 'history', 'localStorage',
  'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'postMessage',
].map((name) => ({ name, message: `engine/ is pure and deterministic: no ${name} (time is the event queue's, randomness the seed's).` }));

const RANDOM = [
  { object: 'Math', property: 'random', message: 'engine/ is deterministic: draw from the seeded RNG (engine/core/rng.ts), never Math.random.' },
];

// components/, app/ and lib/ read engine data through the store: engine types only, no engine calls.
const VIEW_ENGINE = forbid(folder('engine'),
  'the page calls no engine function: import engine types only (`import type`), and values through store/.', { allowTypeImports: true });

export default defineConfig(
  {
    name: 'ignored',
    ignores: ['**/node_modules/**', '.next/**', 'out/**', 'next-env.d.ts', 'test-results/**',
      'playwright-report/**', 'bench/results/**', 'bench/.out/**', 'tmp/**'],
  },
  { name: 'eslint recommended', files: ['**/*.{ts,tsx,mts,mjs,js}'], ...js.configs.recommended },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.{ts,tsx,mts}'] })),
  {
    name: 'typescript',
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    name: 'node scripts',
    files: ['**/*.{mjs,js}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  { name: 'commonjs', files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  { name: 'directives', linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    name: 'file size',
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },

  // engine/: pure, and layered (core ← mechanisms ← vsock, v4v, sim ← api).
  {
    name: 'engine is pure',
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...CLOCKS_AND_DOM],
      'no-restricted-properties': ['error', ...RANDOM],
    },
  },
  {
    name: 'engine source reads no environment',
    files: ['engine/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-globals': ['error', ...CLOCKS_AND_DOM, { name: 'process', message: 'engine/ is pure: no process (environment, arguments, exit) outside tests.' }] },
  },
  ...engineImports('engine', ['engine/**/*.ts'], [...MECHANISMS, 'engine/core/**'], []),
  ...engineImports('core', ['engine/core/**/*.ts'], [], [CORE_LEAF, CORE_SCENARIO_TYPES]),
  ...engineImports('mechanisms', MECHANISMS, [], [CORE_ONLY]),

  // The page: components/ and app/ see the engine's types only; store/ is its one door.
  {
    name: 'components and app: engine types only',
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [VIEW_ENGINE,
        forbid('^(\\.\\./)+(scripts|bench|e2e)(/|$)', 'the page imports no scripts, bench or e2e code.')] }],
    },
  },
  {
    name: 'components import no app code',
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [VIEW_ENGINE,
        forbid(`${folder('app', 'scripts', 'bench', 'e2e')}`, 'components/ imports no app, scripts, bench or e2e code.')] }],
    },
  },
  {
    name: 'store: the engine through engine/api and engine/lite only',
    files: ['store/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        forbid('^(@engine/(?!(api|lite)$)|(\\.\\./)+engine(/|$))',
          'store/ imports the engine only through @engine/api and @engine/lite (the engine and the two alternatives load on demand with import()).', { allowTypeImports: false }),
        forbid(folder('components', 'app', 'scripts', 'bench', 'e2e'), 'store/ imports no components, app, scripts, bench or e2e code.'),
      ] }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportExpression[source.value=/^(@engine|(\\.\\.\\/)+engine)\\//]:not([source.value=/^@engine\\/(api|v4v\\/module|vsock\\/xsbroker-module)$/])',
        message: 'store/ loads on demand only the engine and its two alternatives: import(\'@engine/api\'), import(\'@engine/v4v/module\') or import(\'@engine/vsock/xsbroker-module\').',
      }],
    },
  },
  {
    name: 'lib: engine types only, nothing from the page',
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [VIEW_ENGINE,
        forbid(folder('store', 'components', 'app', 'scripts', 'bench', 'e2e'), 'lib/ holds plain helpers: it imports no store, components, app, scripts, bench or e2e code.')] }],
    },
  },
  {
    name: 'lib tests: real runs and the shared trace-format checker',
    files: ['lib/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        forbid(folder('store', 'components', 'app', 'scripts', 'bench'), 'lib/ tests import no store, components, app, scripts or bench code.'),
        forbid('^(\\.\\./)+e2e/(?!helpers/)', 'lib/ tests may share only e2e/helpers/ (checkers both suites use).')] }],
    },
  },
  {
    name: 'public scripts: plain browser scripts',
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(['window', 'document', 'self', 'location', 'navigator', 'fetch', 'caches', 'Response',
        'Request', 'URL', 'URLSearchParams', 'MutationObserver', 'IntersectionObserver', 'matchMedia', 'getComputedStyle',
        'console', 'setTimeout', 'clearTimeout', 'Promise'].map((g) => [g, 'readonly'])),
    },
  },
  {
    name: 'scenarios: documents, no code from elsewhere',
    files: ['scenarios/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        forbid(folder('engine'), 'scenarios/ imports engine types only (`import type`).', { allowTypeImports: true }),
        forbid(folder('store', 'components', 'app', 'lib', 'scripts', 'bench', 'e2e'), 'scenarios/ holds the preset documents and their index: it imports no other source folder.')] }],
    },
  },
  {
    name: 'e2e: the browser only',
    files: ['e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        forbid(folder('engine', 'store', 'components', 'app', 'lib', 'scripts', 'bench'),
          'e2e/ drives the built page in a browser: it imports no source folder except scenarios/.'),
      ] }],
    },
  },
);
