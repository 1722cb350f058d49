import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { env } from '@/lib/env';
import { findTool, hostIsRoot } from './tools';

const run = promisify(execFile);

export const ISOLATION_LEVELS = ['bubblewrap', 'unshare', 'limits-only'] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export interface IsolationInfo {
  level: IsolationLevel;
  /** False only for the limits-only fallback: the UI marks it as unsafe. */
  safe: boolean;
  /** How the level was chosen, and why better levels were not used. */
  notes: string[];
}

async function works(command: string | undefined, args: string[]): Promise<string | undefined> {
  if (!command) return 'not installed';
  try {
    await run(command, args, { timeout: 10_000 });
    return undefined;
  } catch (error) {
    const detail = error as { stderr?: string; message?: string };
    return (detail.stderr || detail.message || 'failed').trim().split('\n')[0];
  }
}

/**
 * Namespaces to unshare. As root, no user namespace: the sandbox then drops to an unprivileged
 * user of its own (setpriv), which a user namespace mapping only root would not allow.
 */
export function bwrapNamespaceArgs(): string[] {
  return hostIsRoot()
    ? ['--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try']
    : ['--unshare-all'];
}

export function unshareNamespaceArgs(): string[] {
  const base = ['--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--ipc', '--uts'];
  return hostIsRoot() ? base : ['--user', '--map-root-user', ...base];
}

const bwrapProbe = (): string[] => [
  '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp',
  ...bwrapNamespaceArgs(), '--die-with-parent', '--new-session', 'true',
];

let cached: Promise<IsolationInfo> | undefined;

/** The strongest isolation this host supports (or the configured one, checked to work). */
export function detectIsolation(): Promise<IsolationInfo> {
  cached ??= (async (): Promise<IsolationInfo> => {
    const notes: string[] = [];
    if (!findTool('prlimit')) notes.push('prlimit not found: resource limits are not applied');
    if (!hostIsRoot()) notes.push('not running as root: sandboxes share the host user, so the process limit is not applied');
    const wanted = env.STOP_SANDBOX;
    if (wanted === 'auto' || wanted === 'bubblewrap') {
      const problem = await works(findTool('bwrap'), bwrapProbe());
      if (!problem) return { level: 'bubblewrap', safe: true, notes };
      notes.push(`bubblewrap unavailable: ${problem}`);
      if (wanted === 'bubblewrap') throw new Error(`STOP_SANDBOX=bubblewrap but ${notes.at(-1)}`);
    }
    if (wanted === 'auto' || wanted === 'unshare') {
      const problem = await works(findTool('unshare'), [...unshareNamespaceArgs(), 'true']);
      if (!problem) {
        notes.push('unshare: no network and own PID namespace, but the file system is the host\'s (writable where the sandbox user may write)');
        return { level: 'unshare', safe: true, notes };
      }
      notes.push(`unshare unavailable: ${problem}`);
      if (wanted === 'unshare') throw new Error(`STOP_SANDBOX=unshare but ${notes.at(-1)}`);
    }
    notes.push('only resource limits apply: generated code can reach the network and the file system');
    return { level: 'limits-only', safe: false, notes };
  })();
  return cached;
}
