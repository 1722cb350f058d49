import { createHash } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * New embedded databases start from a pre-migrated template: initdb plus every migration costs seconds of
 * CPU, loading a data directory dump costs a fraction of that. The dump is built once per version of the
 * migrations and of PGlite into .cache/pglite-template/ (git-ignored) and shared by every process.
 */
export function templateKey(migrationsFolder: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(migrationsFolder, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(migrationsFolder);
  hash.update(`pglite ${pgliteVersion()}`);
  // The template's own shape (db/client.ts migrateInto): a new value rebuilds every template.
  hash.update('without template databases');
  return hash.digest('hex').slice(0, 20);
}

function pgliteVersion(): string {
  // Its package.json is not exported; read it next to the resolved entry point.
  let dir = path.dirname(createRequire(path.join(process.cwd(), 'package.json')).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
}

const CACHE = () => path.join(process.cwd(), '.cache', 'pglite-template');
const pending = new Map<string, Promise<unknown>>();

function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  let value = pending.get(key) as Promise<T> | undefined;
  if (!value) {
    value = make();
    pending.set(key, value);
    value.catch(() => pending.delete(key));
  }
  return value;
}

function staging(target: string): string {
  return `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
}

/** Removes the templates of other versions (never the one being built or used). */
function pruneOthers(key: string): void {
  for (const name of readdirSync(CACHE())) {
    if (!name.startsWith(key) && !name.includes('.tmp-')) rmSync(path.join(CACHE(), name), { recursive: true, force: true });
  }
}

/**
 * A migrated data directory to copy a new on-disk database from: a plain file copy, which costs far less
 * than PGlite extracting a dump. `build` migrates a new database in the directory it is given.
 */
export function migratedTemplateDir(migrationsFolder: string, build: (dir: string) => Promise<void>): Promise<string> {
  const key = templateKey(migrationsFolder);
  return once(`dir:${key}`, async () => {
    const dir = path.join(CACHE(), key);
    if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
    mkdirSync(CACHE(), { recursive: true });
    const building = staging(dir);
    try {
      await build(building);
      try {
        renameSync(building, dir);
      } catch (error) {
        if (!existsSync(path.join(dir, 'PG_VERSION'))) throw error; // else another process was first
      }
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
    pruneOthers(key);
    return dir;
  });
}

/** The dump of a migrated database, for in-memory databases (`loadDataDir`). */
export function migratedTemplateDump(migrationsFolder: string, build: () => Promise<Blob>): Promise<Blob> {
  const key = templateKey(migrationsFolder);
  return once(`tar:${key}`, async () => {
    const file = path.join(CACHE(), `${key}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const dump = await build();
    mkdirSync(CACHE(), { recursive: true });
    const building = staging(file);
    try {
      writeFileSync(building, Buffer.from(await dump.arrayBuffer()));
      renameSync(building, file);
    } finally {
      rmSync(building, { force: true });
    }
    pruneOthers(key);
    return dump;
  });
}

const BLOCK = 64 * 1024;
const ZEROS = Buffer.alloc(BLOCK);

/**
 * Copies a template data directory, leaving blocks of zeros as holes: most of a fresh database's
 * write-ahead log segment is zeros, so this writes about half of what a plain copy would.
 */
export function copyTemplate(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  const buffer = Buffer.alloc(BLOCK);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTemplate(source, target);
      continue;
    }
    const input = openSync(source, 'r');
    const output = openSync(target, 'w', statSync(source).mode & 0o777);
    try {
      let position = 0;
      for (;;) {
        const read = readSync(input, buffer, 0, BLOCK, position);
        if (read === 0) break;
        const chunk = buffer.subarray(0, read);
        if (!chunk.equals(ZEROS.subarray(0, read))) writeSync(output, chunk, 0, read, position);
        position += read;
      }
      ftruncateSync(output, position);
    } finally {
      closeSync(input);
      closeSync(output);
    }
  }
}
