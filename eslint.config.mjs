import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * The layers (docs/architecture.md, "Layers and the rules the lint enforces"): each zone forbids
 * files under `target` to import anything under `from`. Tests are exempt (they may cross layers to
 * check one against another).
 */
const LAYER_ZONES = [
  { target: './components', from: './db', message: 'Components take view types (lib/runs/views), never database rows or queries.' },
  { target: './components', from: './app/_lib', message: 'View types live in lib/runs/views; app/_lib is the pages\' server-side loading.' },
  { target: './components', from: './lib/sandbox', message: 'Components know nothing of the sandbox: the page passes what they need as view data.' },
  { target: './lib/sandbox', from: './lib/lm', message: 'The sandbox knows nothing of the LM gateway: it declares its model interface in lib/sandbox/model.ts.' },
  { target: './lib/sandbox', from: './db', message: 'The sandbox knows no database.' },
  { target: './lib/sandbox', from: './lib/stop', message: 'The sandbox is below the engine: the engine calls it, never the reverse.' },
  { target: './lib/sandbox', from: './lib/runs', message: 'The sandbox is below the runs service.' },
  { target: './lib/tasks', from: './lib/stop', message: 'Tasks are data for the engine; they do not call it.' },
  { target: './lib/tasks', from: './db', message: 'Tasks know no database; db/queries/tasks stores them.' },
  { target: './lib/lm', from: './db', message: 'The LM layer knows no database: the runs part records its calls.' },
  { target: './lib/lm', from: './lib/stop', message: 'The LM layer is below the engine.' },
  // The scripted model is a part of its own beside the gateway. The gateway does not know it: whoever
  // builds a gateway passes its backend in (GatewayOptions.scripted).
  {
    target: './lib/lm',
    from: './lib/scripted-model',
    message: 'lib/lm does not know the scripted model: the runs part passes its backend in (GatewayOptions.scripted).',
  },
  {
    target: './lib/scripted-model',
    from: ['./lib/lm/gateway.ts', './lib/lm/index.ts', './lib/lm/backends/openai.ts'],
    message: 'The scripted model is below the gateway: it may use lib/lm\'s types and helpers, not the gateway or another backend.',
  },
  {
    target: './lib/scripted-model',
    from: ['./db', './lib/stop', './lib/runs', './lib/sandbox', './lib/queue'],
    message: 'The scripted model knows tasks and improver programs, nothing of runs, the engine, the sandbox or the database.',
  },
  {
    target: './lib/improvers',
    from: ['./db', './lib/stop', './lib/runs', './lib/lm', './lib/scripted-model', './lib/sandbox'],
    message: 'The improver programs are a leaf: Python files and their one reader, readProgram.',
  },
  { target: './lib', from: './app', message: 'lib/ is below app/: routes and actions call lib, never the reverse.' },
  { target: './lib', from: './components', message: 'lib/ knows no React components.' },
  { target: './db', from: './app', message: 'db/ is below app/.' },
  { target: './db', from: './components', message: 'db/ knows no React components.' },
];

const layerRule = (zones) => ['error', { zones }];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-helpers.ts', '**/testing/**', 'e2e/**', 'testing/**'];

const eslintConfig = [
  {
    ignores: [
      '.next/**',
      '.cache/**',
      'node_modules/**',
      'public/**',
      'data/**',
      'db/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['components/ui/link.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'next/link', message: 'Use Link from @/components/ui/link: it does not prefetch (every page here renders on demand).' }] },
      ],
    },
  },
  {
    files: ['lib/env.ts', 'instrumentation.ts', 'scripts/**', 'bin/**', '*.config.*', 'e2e/**', 'testing/**', '**/*.test.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: TESTS,
    rules: { 'import/no-restricted-paths': layerRule(LAYER_ZONES) },
  },
  {
    // Functions over 100 lines become named steps (tests are exempt: a describe block may be long).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: TESTS,
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
];

export default eslintConfig;
