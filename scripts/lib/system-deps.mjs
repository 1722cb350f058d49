// Checks for the Debian packages STOP Studio uses and installs only the missing ones (when root).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const pythonHasNumpy = () =>
  existsSync('/usr/bin/python3') &&
  spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

/** Each entry: the Debian package, why we want it, and how to tell it is already there. */
export const SYSTEM_PACKAGES = {
  python3: { why: 'runs improvers, solutions and judges', present: () => has('python3') },
  bubblewrap: { why: 'isolates generated code (namespaces, no network)', present: () => has('bwrap') },
  'python3-numpy': { why: 'numpy for generated solutions (system python3)', present: pythonHasNumpy },
  chromium: { why: 'the browser the end-to-end tests drive', present: () => existsSync('/usr/bin/chromium') },
  postgresql: {
    why: 'a throwaway PostgreSQL server for the database tests',
    present: () => existsSync('/usr/lib/postgresql') && has('runuser'),
  },
};

export const APP_PACKAGES = ['python3', 'bubblewrap', 'python3-numpy'];
export const TEST_PACKAGES = [...APP_PACKAGES, 'chromium', 'postgresql'];

/**
 * Installs the missing packages with apt-get (root only). Returns the names still missing.
 * `required` packages make it throw when they cannot be installed.
 */
export function ensureSystemPackages(names, { required = [] } = {}) {
  const missing = names.filter((name) => !SYSTEM_PACKAGES[name].present());
  if (missing.length === 0) return [];
  for (const name of missing) console.log(`[setup] missing Debian package ${name}: ${SYSTEM_PACKAGES[name].why}`);
  const isRoot = process.getuid?.() === 0;
  if (isRoot && has('apt-get')) {
    console.log(`[setup] installing with apt-get: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } else {
    console.log(`[setup] not root: install them with  sudo apt-get install -y ${missing.join(' ')}`);
  }
  const still = missing.filter((name) => !SYSTEM_PACKAGES[name].present());
  const fatal = still.filter((name) => required.includes(name));
  if (fatal.length > 0) throw new Error(`required Debian packages are missing: ${fatal.join(', ')}`);
  return still;
}

/** Installs npm dependencies when node_modules is absent or older than the lock file. */
export function ensureNodeModules(root) {
  const lock = `${root}/package-lock.json`;
  const marker = `${root}/node_modules/.package-lock.json`;
  if (existsSync(marker)) {
    const older = spawnSync('test', [marker, '-ot', lock]).status === 0;
    if (!older) return;
  }
  // `npm ci` installs exactly what package-lock.json says and never rewrites it (set-up leaves the
  // checkout unchanged); the lock lists every platform's optional native binaries, as npm ci requires.
  console.log('[setup] installing npm dependencies (npm ci, from package-lock.json)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

/** Copies Monaco's files under public/ so the editor loads offline, from this machine. */
export function ensureMonaco(root) {
  if (existsSync(`${root}/scripts/copy-monaco.mjs`)) {
    execFileSync(process.execPath, [`${root}/scripts/copy-monaco.mjs`], { cwd: root, stdio: 'inherit' });
  }
}
