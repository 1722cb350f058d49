// Quick start, second command (`npm test`): every check and test — lint, types, unit and integration
// tests on PGlite and PostgreSQL with real sandboxes, then end-to-end tests in Chromium on the built app.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
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

const VITEST_REPORT = path.join(root, 'test-results', 'vitest.json');
const PLAYWRIGHT_REPORT = path.join(root, 'test-results', 'playwright.json');
rmSync(VITEST_REPORT, { force: true });
rmSync(PLAYWRIGHT_REPORT, { force: true });

/** Passed and failed test counts from the runners' JSON reports (when they ran). */
function tally() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(VITEST_REPORT)) {
    const report = JSON.parse(readFileSync(VITEST_REPORT, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + report.numTodoTests;
  }
  if (existsSync(PLAYWRIGHT_REPORT)) {
    const { stats } = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8'));
    counts.passed += stats.expected + stats.flaky;
    counts.failed += stats.unexpected;
    counts.skipped += stats.skipped;
  }
  return counts;
}

function summary() {
  const { passed, failed, skipped } = tally();
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

try {
  if (want('lint')) run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  if (want('typecheck')) run('typecheck', 'npx', ['tsc', '--noEmit']);
  if (want('unit')) {
    run('unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`]);
  }
  if (want('e2e')) {
    run('build', 'npx', ['next', 'build']);
    run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT });
  }
} catch (error) {
  console.error(`\n[test] FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  summary();
  process.exit(1);
}
console.log('\n[test] all checks passed');
summary();
