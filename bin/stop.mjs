#!/usr/bin/env node
// Entry point of the `stop` command line. The TypeScript sources run through tsx; the
// react-server condition lets server-only modules (database queries) load outside Next.js.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx/esm')).href;
const child = spawn(
  process.execPath,
  ['--conditions=react-server', '--import', tsxLoader, path.join(root, 'lib/cli/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: process.cwd(), env: { ...process.env, STOP_STUDIO_ROOT: root } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
