import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { env } from '@/lib/env';
import { SANDBOX_LIMITS } from './limits';
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
  // --mount: the sandbox's private tmpfs mounts (command.ts) live and die with this namespace.
  const base = ['--net', '--pid', '--fork', '--kill-child', '--mount', '--propagation', 'private', '--mount-proc', '--ipc', '--uts'];
  return hostIsRoot() ? base : ['--user', '--map-root-user', ...base];
}

/** The private tmpfs mounts of the `unshare` level: the sandbox writes nothing that outlives it on the host. */
export const UNSHARE_PRIVATE_MOUNTS = [
  { path: '/tmp', bytes: SANDBOX_LIMITS.scratchBytes },
  { path: '/var/tmp', bytes: SANDBOX_LIMITS.privateTmpBytes },
  { path: '/dev/shm', bytes: SANDBOX_LIMITS.privateTmpBytes },
] as const;

/** Home and working directory of an `unshare` sandbox: its private /tmp. */
export const UNSHARE_HOME = '/tmp';

/**
 * Inside the new mount namespace (still privileged there): size-bounded tmpfs over /tmp, /var/tmp and
 * /dev/shm, then the confined command in the private /tmp. Mounts that do not exist on the host are skipped.
 */
export function privateMountsArgs(): string[] {
  const mount = findTool('mount') ?? 'mount';
  const steps = UNSHARE_PRIVATE_MOUNTS.map(
    (entry) => `if [ -d ${entry.path} ]; then ${mount} -t tmpfs -o size=${entry.bytes},mode=1777,nosuid,nodev stop-private ${entry.path} || exit 71; fi`,
  );
  return [findTool('sh') ?? '/bin/sh', '-c', `${steps.join('; ')}; cd ${UNSHARE_HOME} || exit 71; exec "$@"`, 'stop-sandbox'];
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
      const problem = await works(findTool('unshare'), [...unshareNamespaceArgs(), '--', ...privateMountsArgs(), 'true']);
      if (!problem) {
        notes.push('unshare: no network, own PID and mount namespaces with private size-bounded /tmp, /var/tmp and /dev/shm; the rest of the file system is the host\'s (writable where the sandbox user may write)');
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
