// The `stop` command line runs from one JavaScript bundle of lib/cli/main.ts, compiled by esbuild once per
// version of the sources into .cache/cli/<hash>/ (git-ignored), so that no command pays for transpiling
// TypeScript at start-up. The hash covers every source file the bundle can contain and the tool versions.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE_DIRS = ['lib', 'db'];
const SOURCE_FILE = /\.(ts|tsx|mts|js|mjs|json)$/;
const NOT_BUNDLED = /\.(test|spec)\.tsx?$/;
const KEY_FILES = ['tsconfig.json', 'package-lock.json', 'scripts/lib/cli-bundle.mjs'];
const KEEP_BUNDLES = 3;
const EXTERNAL_PACKAGES = ['@electric-sql/pglite', 'pg', 'pg-native', 'graphile-worker', 'playwright-core', 'playwright', 'next', 'react', 'react-dom', 'vitest', 'esbuild', 'tsx'];

function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === '__pycache__') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name) && !NOT_BUNDLED.test(entry.name)) files.push(full);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return files.sort();
}

/** The hash of everything the bundle is built from. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(root), ...KEY_FILES.map((name) => path.join(root, name))]) {
    hash.update(path.relative(root, file)).update('\0');
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  hash.update(process.version);
  return hash.digest('hex').slice(0, 20);
}

function esbuildOf(root) {
  // esbuild comes with tsx (a dependency), so the bundle needs nothing that set-up does not install.
  const fromTsx = createRequire(createRequire(path.join(root, 'package.json')).resolve('tsx/package.json'));
  return fromTsx('esbuild');
}

/**
 * Outside Next.js, `server-only` has nothing to guard (the `react-server` condition makes it empty), and
 * `import.meta.url` / `import.meta.dirname` keep naming the source file, not the bundle.
 */
function projectPlugin(root) {
  return {
    name: 'stop-cli',
    setup(build) {
      build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
      build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
      build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, (args) => {
        if (!args.path.startsWith(root + path.sep) || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        if (contents.includes('import.meta.')) {
          contents = contents
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path))
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        }
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

function pruneOld(cacheDir, keep) {
  const entries = readdirSync(cacheDir)
    // Never another process's build in progress (`<hash>.tmp-<pid>`).
    .filter((name) => name !== keep && !name.includes('.tmp-'))
    .map((name) => ({ name, mtime: statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const entry of entries.slice(KEEP_BUNDLES - 1)) rmSync(path.join(cacheDir, entry.name), { recursive: true, force: true });
}

/** The path of the bundle for the current sources, building it first when it is missing. */
export async function cliBundle(root) {
  const cacheDir = path.join(root, '.cache', 'cli');
  const key = sourceHash(root);
  const bundle = path.join(cacheDir, key, 'main.mjs');
  if (existsSync(bundle)) return bundle;
  const staging = path.join(cacheDir, `${key}.tmp-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    await esbuildOf(root).build({
      absWorkingDir: root,
      entryPoints: [path.join(root, 'lib/cli/main.ts')],
      outfile: path.join(staging, 'main.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      // Dependencies are bundled too (resolving and compiling drizzle-orm's, zod's and openai's hundreds
      // of modules one by one cost every command about 0.3 s of CPU), except those that load files
      // next to themselves (PGlite's WebAssembly), have native or optional parts, or are large and rarely used.
      external: EXTERNAL_PACKAGES,
      // Bundled CommonJS code calls require(); an ES module has none.
      banner: { js: "import { createRequire as __stopCreateRequire } from 'node:module'; const require = __stopCreateRequire(import.meta.url);" },
      tsconfig: path.join(root, 'tsconfig.json'),
      sourcemap: true,
      logLevel: 'error',
      plugins: [projectPlugin(root)],
    });
    try {
      renameSync(staging, path.join(cacheDir, key));
    } catch (error) {
      // Another process built the same version at the same time; its bundle is as good as ours.
      if (!existsSync(bundle)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOld(cacheDir, key);
  return bundle;
}
