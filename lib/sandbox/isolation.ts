import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { env } from '@/lib/env';

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

async function works(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args, { timeout: 10_000 });
    return undefined;
  } catch (error) {
    const detail = error as { stderr?: string; message?: string };
    return (detail.stderr || detail.message || 'failed').trim().split('\n')[0];
  }
}

const BWRAP_PROBE = [
  '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp',
  '--unshare-all', '--die-with-parent', '--new-session', 'true',
];
const UNSHARE_PROBE = ['--user', '--map-root-user', '--net', '--pid', '--fork', '--mount-proc', 'true'];

let cached: Promise<IsolationInfo> | undefined;

/** The strongest isolation this host supports (or the configured one, checked to work). */
export function detectIsolation(): Promise<IsolationInfo> {
  cached ??= (async (): Promise<IsolationInfo> => {
    const notes: string[] = [];
    const wanted = env.STOP_SANDBOX;
    if (wanted === 'auto' || wanted === 'bubblewrap') {
      const problem = await works('bwrap', BWRAP_PROBE);
      if (!problem) return { level: 'bubblewrap', safe: true, notes };
      notes.push(`bubblewrap unavailable: ${problem}`);
      if (wanted === 'bubblewrap') throw new Error(`STOP_SANDBOX=bubblewrap but ${notes.at(-1)}`);
    }
    if (wanted === 'auto' || wanted === 'unshare') {
      const problem = await works('unshare', UNSHARE_PROBE);
      if (!problem) return { level: 'unshare', safe: true, notes };
      notes.push(`unshare unavailable: ${problem}`);
      if (wanted === 'unshare') throw new Error(`STOP_SANDBOX=unshare but ${notes.at(-1)}`);
    }
    notes.push('only resource limits apply: generated code can reach the network and the file system');
    return { level: 'limits-only', safe: false, notes };
  })();
  return cached;
}
