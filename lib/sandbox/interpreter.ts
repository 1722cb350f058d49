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

/**
 * How long one interpreter may take to answer the probe. Generous: under load, starting Python and
 * importing numpy can take many seconds, and a probe that runs out of time must not pass for a
 * missing interpreter.
 */
export const PROBE_TIMEOUT_MS = 180_000;

type Probed = Omit<PythonInterpreter, 'source'>;
export type ProbeResult = { status: 'found'; interpreter: Probed } | { status: 'slow' | 'missing'; candidate: string; detail: string };

/** Runs the probe with one candidate: found, missing (cannot be run) or slow (still starting when the limit ran out). */
export async function probePython(candidate: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  try {
    const { stdout } = await run(candidate, ['-I', '-c', PROBE], { timeout: timeoutMs });
    const [executable, version, numpy, prefixes] = stdout.trim().split('\n');
    if (!executable || !version) return { status: 'missing', candidate, detail: 'it did not print what a Python interpreter prints' };
    return {
      status: 'found',
      interpreter: { path: executable, version, hasNumpy: numpy === '1', prefixes: (prefixes ?? '').split(':').filter(Boolean) },
    };
  } catch (error) {
    const failure = error as { killed?: boolean; signal?: string | null; code?: unknown; message?: string };
    if (failure.killed && failure.signal) {
      return { status: 'slow', candidate, detail: `it did not answer within ${Math.round(timeoutMs / 1000)} s` };
    }
    return { status: 'missing', candidate, detail: String(failure.message ?? error).slice(0, 300) };
  }
}

/**
 * The first candidate that imports numpy, else any that runs. When none answered but some were only
 * slow, the error says so (the machine is overloaded) instead of claiming python3 is missing.
 */
export async function detectPython(candidates: readonly string[], timeoutMs = PROBE_TIMEOUT_MS): Promise<Probed> {
  const found: Probed[] = [];
  const slow: string[] = [];
  for (const candidate of candidates) {
    const result = await probePython(candidate, timeoutMs);
    if (result.status === 'slow') slow.push(`${candidate} (${result.detail})`);
    if (result.status !== 'found') continue;
    if (!found.some((other) => other.path === result.interpreter.path)) found.push(result.interpreter);
    if (result.interpreter.hasNumpy) break;
  }
  const best = found.find((candidate) => candidate.hasNumpy) ?? found[0];
  if (best) return best;
  if (slow.length > 0) {
    throw new Error(`python3 was found but too slow to answer (the machine may be overloaded): ${slow.join('; ')}; try again`);
  }
  throw new Error('No python3 interpreter was found; install python3 or set STOP_PYTHON');
}

let cached: Promise<PythonInterpreter> | undefined;

/**
 * STOP_PYTHON when configured; otherwise the first python3 that imports numpy, else any python3.
 * Throws a readable error when no interpreter can be run.
 */
export function findPython(): Promise<PythonInterpreter> {
  cached ??= (async () => {
    if (env.STOP_PYTHON) {
      const result = await probePython(env.STOP_PYTHON);
      if (result.status !== 'found') {
        throw new Error(
          result.status === 'slow'
            ? `STOP_PYTHON=${env.STOP_PYTHON} was too slow to answer (${result.detail}); try again`
            : `STOP_PYTHON=${env.STOP_PYTHON} could not be run as a Python interpreter`,
        );
      }
      return { ...result.interpreter, source: 'configured' as const };
    }
    return { ...(await detectPython(CANDIDATES)), source: 'detected' as const };
  })().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
