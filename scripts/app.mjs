// Quick start, first command: installs what is missing, builds when needed and serves the app.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PACKAGES, ensureMonaco, ensureNodeModules, ensureSystemPackages } from './lib/system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureNodeModules(root);
const missing = ensureSystemPackages(APP_PACKAGES, { required: ['python3'] });
if (missing.includes('bubblewrap')) {
  console.log('[setup] without bubblewrap the sandbox falls back to a weaker level (shown on the health page)');
}
ensureMonaco(root);

const buildId = path.join(root, '.next', 'BUILD_ID');
const head = (() => {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const stamp = path.join(root, '.next', 'stop-studio-commit');
const built = existsSync(buildId) && existsSync(stamp) && readFileSync(stamp, 'utf8') === head;
const dirty = (() => {
  try {
    return execFileSync('git', ['status', '--porcelain'], { cwd: root }).toString().trim() !== '';
  } catch {
    return true;
  }
})();
if (!built || dirty || process.argv.includes('--rebuild')) {
  console.log('[setup] building the app (next build)');
  execFileSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync('sh', ['-c', `printf %s '${head}' > '${stamp}'`]);
} else {
  console.log(`[setup] build is current (${statSync(buildId).mtime.toISOString()})`);
}

// The server itself (scripts/server.mjs) is a direct child: signals reach it, and this script exits only
// after it has (no `npx`/`npm` in between that could exit first and leave next-server running).
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { cwd: root, stdio: 'inherit' });
const stop = (signal) => {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
// `npm run app` puts a shell between npm and this script; on SIGTERM npm kills the shell, which passes
// nothing on. Being orphaned is the sign: stop the server as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 200);
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0)));
