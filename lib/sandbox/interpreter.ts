import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { env } from '@/lib/env';

const run = promisify(execFile);

export interface PythonInterpreter {
  /** Absolute path of the interpreter. */
  path: string;
  version: string;
  hasNumpy: boolean;
  /** Installation directories (sys.prefix and friends, resolved): mounted read-only in the sandbox. */
  prefixes: string[];
  /** How it was chosen: 'configured' (STOP_PYTHON) or 'detected'. */
  source: 'configured' | 'detected';
}

const CANDIDATES = ['/usr/bin/python3', '/usr/local/bin/python3', 'python3'];
const PROBE = [
  'import os, sys',
  'try:\n import numpy\n n=1\nexcept Exception:\n n=0',
  'print(os.path.realpath(sys.executable));print(sys.version.split()[0]);print(n)',
  "print(os.pathsep.join(sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)})))",
].join('\n');

async function probe(candidate: string): Promise<Omit<PythonInterpreter, 'source'> | undefined> {
  try {
    const { stdout } = await run(candidate, ['-I', '-c', PROBE], { timeout: 15_000 });
    const [executable, version, numpy, prefixes] = stdout.trim().split('\n');
    if (!executable || !version) return undefined;
    return { path: executable, version, hasNumpy: numpy === '1', prefixes: (prefixes ?? '').split(':').filter(Boolean) };
  } catch {
    return undefined;
  }
}

let cached: Promise<PythonInterpreter> | undefined;

/**
 * STOP_PYTHON when configured; otherwise the first python3 that imports numpy, else any python3.
 * Throws a readable error when no interpreter can be run.
 */
export function findPython(): Promise<PythonInterpreter> {
  cached ??= (async () => {
    if (env.STOP_PYTHON) {
      const found = await probe(env.STOP_PYTHON);
      if (!found) throw new Error(`STOP_PYTHON=${env.STOP_PYTHON} could not be run as a Python interpreter`);
      return { ...found, source: 'configured' as const };
    }
    const found: Omit<PythonInterpreter, 'source'>[] = [];
    for (const candidate of CANDIDATES) {
      const result = await probe(candidate);
      if (result && !found.some((other) => other.path === result.path)) found.push(result);
      if (result?.hasNumpy) break;
    }
    const best = found.find((candidate) => candidate.hasNumpy) ?? found[0];
    if (!best) throw new Error('No python3 interpreter was found; install python3 or set STOP_PYTHON');
    return { ...best, source: 'detected' as const };
  })().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
