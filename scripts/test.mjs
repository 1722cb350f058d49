// Quick start, second command (`npm test`): every check and test — lint, types, unit and integration
// tests on PGlite and PostgreSQL with real sandboxes, then end-to-end tests in Chromium on the built app.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_PACKAGES, ensureMonaco, ensureNodeModules, ensureSystemPackages } from './lib/system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);

ensureNodeModules(root);
ensureSystemPackages(TEST_PACKAGES, { required: ['python3', 'bubblewrap', 'chromium', 'postgresql'] });
ensureMonaco(root);

const run = (label, command, args, env = {}) => {
  const started = Date.now();
  console.log(`\n[test] ${label}: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`[test] ${label} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

try {
  if (want('lint')) run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  if (want('typecheck')) run('typecheck', 'npx', ['tsc', '--noEmit']);
  if (want('unit')) run('unit and integration tests', 'npx', ['vitest', 'run']);
  if (want('e2e')) {
    run('build', 'npx', ['next', 'build']);
    run('end-to-end tests', 'npx', ['playwright', 'test']);
  }
} catch (error) {
  console.error(`\n[test] FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
console.log('\n[test] all checks passed');
