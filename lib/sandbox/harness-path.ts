import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Directory of the Python harness (next to this file in the sources; from the project root in a bundle). */
export function harnessDir(): string {
  if (cached) return cached;
  const candidates = [path.resolve(process.cwd(), 'lib/sandbox/python')];
  try {
    candidates.unshift(path.join(path.dirname(fileURLToPath(import.meta.url)), 'python'));
  } catch {
    // bundled: import.meta.url is not a file URL
  }
  const found = candidates.find((dir) => existsSync(path.join(dir, 'harness.py')));
  if (!found) throw new Error(`The sandbox harness was not found (looked in ${candidates.join(', ')})`);
  cached = found;
  return found;
}

/** Whether a user other than the owner may reach `target` (every ancestor directory is o+x). */
export function reachableByOthers(target: string): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat || (stat.mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}
