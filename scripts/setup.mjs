// Installs what STOP Studio needs (npm packages, Debian packages for the app and the tests, Monaco's files).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBundle } from './lib/cli-bundle.mjs';
import { TEST_PACKAGES, ensureMonaco, ensureNodeModules, ensureSystemPackages } from './lib/system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureNodeModules(root);
ensureSystemPackages(TEST_PACKAGES, { required: ['python3'] });
ensureMonaco(root);
// The `stop` command line's precompiled bundle (otherwise built by its first command).
console.log(`[setup] command line compiled to ${path.relative(root, await cliBundle(root))}`);
console.log('[setup] done');
