import { existsSync, lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PythonInterpreter } from './interpreter';
import { bwrapNamespaceArgs, privateMountsArgs, UNSHARE_HOME, unshareNamespaceArgs, type IsolationLevel } from './isolation';
import { SANDBOX_LIMITS } from './limits';
import { findTool, hostIsRoot } from './tools';

export interface ProcessLimits {
  cpuSeconds: number;
  memoryBytes: number;
}

export interface CommandSpec {
  level: IsolationLevel;
  python: PythonInterpreter;
  harnessDir: string;
  /** Host path of the scratch directory. */
  scratch: string;
  limits: ProcessLimits;
  /** Unprivileged user to run as (root hosts only). */
  uid: number | undefined;
}

export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

const SCRATCH_INSIDE = '/scratch';
const HARNESS_INSIDE = '/opt/stop-harness';
const SYSTEM_LINKS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
const ETC_FILES = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/alternatives', '/etc/localtime'];

/** Built from nothing: no variable of the host (API keys, DATABASE_URL…) can reach the sandbox. */
export function sandboxEnvironment(home: string): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: home,
    TMPDIR: home,
    // One thread per BLAS: the address-space limit and the process limit count threads' stacks.
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  };
}

function prlimitArgs(limits: ProcessLimits, uid: number | undefined): string[] {
  const tool = findTool('prlimit');
  if (!tool) return [];
  return [
    tool,
    `--as=${limits.memoryBytes}`,
    // The soft limit sends SIGXCPU (reported as a CPU-time timeout); the hard limit, a little later, SIGKILL.
    // Equal limits would kill with SIGKILL at once, which cannot be told apart from running out of memory.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + SANDBOX_LIMITS.cpuGraceSeconds}`,
    `--fsize=${SANDBOX_LIMITS.fileSizeBytes}`,
    `--nofile=${SANDBOX_LIMITS.openFiles}`,
    '--core=0',
    // RLIMIT_NPROC counts a user's processes; it only bites for the sandbox's own unprivileged user.
    ...(uid === undefined ? [] : [`--nproc=${SANDBOX_LIMITS.maxProcesses}`]),
    '--',
  ];
}

function dropPrivilegesArgs(uid: number | undefined): string[] {
  const tool = findTool('setpriv');
  if (uid === undefined || !tool) return [];
  return [
    tool, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--no-new-privs',
    '--inh-caps=-all', '--bounding-set=-all',
  ];
}

/** Every ancestor gets a traversable directory: bwrap would otherwise create them root-only. */
function ensureDirs(target: string, made: Set<string>): string[] {
  const args: string[] = [];
  const parts = target.split('/').filter(Boolean);
  for (let index = 1; index < parts.length; index++) {
    const dir = `/${parts.slice(0, index).join('/')}`;
    if (made.has(dir)) continue;
    made.add(dir);
    args.push('--perms', '0755', '--dir', dir);
  }
  return args;
}

/** Capabilities a root zygote keeps: start each child as a user of its own, kill it, clean up after it. */
const ZYGOTE_CAPS = ['setuid', 'setgid', 'kill', 'dac_override', 'fowner', 'chown'];

function bwrapArgs(spec: CommandSpec, zygote = false): string[] {
  const made = new Set<string>(['/usr']);
  const args = ['--ro-bind', '/usr', '/usr'];
  // System paths, not project files: the turbopackIgnore marks keep the build's file tracer from tracing the project.
  for (const link of SYSTEM_LINKS) {
    if (!existsSync(/* turbopackIgnore: true */ link)) continue;
    const stat = lstatSync(link);
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(link), link);
    else args.push('--ro-bind', link, link);
  }
  for (const file of ETC_FILES) {
    if (existsSync(/* turbopackIgnore: true */ file)) args.push(...ensureDirs(file, made), '--ro-bind', file, file);
  }
  const pythonDirs = new Set([...spec.python.prefixes, path.dirname(path.dirname(spec.python.path))]);
  for (const dir of pythonDirs) {
    if (dir === '/usr' || dir.startsWith('/usr/') || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    args.push(...ensureDirs(dir, made), '--ro-bind', dir, dir);
  }
  args.push(
    ...ensureDirs(HARNESS_INSIDE, made), '--ro-bind', spec.harnessDir, HARNESS_INSIDE,
    // A size-limited tmpfs, not the host directory: writing past it fails inside (ENOSPC) and the
    // host's disk is never touched. The sandbox's own user needs to write it.
    // A zygote (root or the host user) makes a directory per child inside it; a program's own sandbox user writes it directly.
    '--perms', zygote ? '0755' : '01777', '--size', String(SANDBOX_LIMITS.scratchBytes), '--tmpfs', SCRATCH_INSIDE,
    '--dev', '/dev', '--proc', '/proc',
    '--chdir', SCRATCH_INSIDE,
    ...bwrapNamespaceArgs(),
    '--hostname', 'sandbox',
    '--die-with-parent', '--new-session',
  );
  if (zygote && hostIsRoot()) args.push('--cap-drop', 'ALL', ...ZYGOTE_CAPS.flatMap((cap) => ['--cap-add', `CAP_${cap.toUpperCase()}`]));
  return args;
}

/**
 * The argv of a fork server (zygote.py): the same namespaces and mounts as a program's sandbox, no rlimits
 * of its own (each child sets its program's), and, on a root host, no user switch: it stays root with
 * only the capabilities it needs to hand each child a user of its own.
 */
export function buildZygoteCommand(spec: Omit<CommandSpec, 'limits' | 'uid'>): SandboxCommand {
  const inside = spec.level === 'bubblewrap';
  const scratchRoot = inside ? SCRATCH_INSIDE : spec.level === 'unshare' ? UNSHARE_HOME : spec.scratch;
  const zygote = [spec.python.path, '-I', '-B', path.join(inside ? HARNESS_INSIDE : spec.harnessDir, 'zygote.py'), scratchRoot];
  const setpriv = findTool('setpriv');
  const limitCaps =
    hostIsRoot() && spec.level !== 'bubblewrap' && setpriv
      ? [setpriv, '--inh-caps=-all', `--bounding-set=-all,${ZYGOTE_CAPS.map((cap) => `+${cap}`).join(',')}`]
      : [];
  const noCore = findTool('prlimit') ? [findTool('prlimit')!, '--core=0', '--'] : [];
  let argv: string[];
  if (spec.level === 'bubblewrap') {
    argv = [...noCore, findTool('bwrap') ?? 'bwrap', ...bwrapArgs({ ...spec, limits: { cpuSeconds: 0, memoryBytes: 0 }, uid: undefined }, true), ...zygote];
  } else if (spec.level === 'unshare') {
    argv = [...noCore, findTool('unshare') ?? 'unshare', ...unshareNamespaceArgs(), '--', ...privateMountsArgs(), ...limitCaps, ...zygote];
  } else {
    argv = [...noCore, ...limitCaps, ...zygote];
  }
  const [file, ...args] = argv as [string, ...string[]];
  return { file, args, env: sandboxEnvironment(scratchRoot), cwd: '/' };
}

/** The argv that starts `python -I harness.py` at the given isolation level, with limits applied. */
export function buildSandboxCommand(spec: CommandSpec): SandboxCommand {
  const inside = spec.level === 'bubblewrap';
  const home = inside ? SCRATCH_INSIDE : spec.level === 'unshare' ? UNSHARE_HOME : spec.scratch;
  const harness = path.join(inside ? HARNESS_INSIDE : spec.harnessDir, 'harness.py');
  const python = [spec.python.path, '-I', '-B', harness];
  const confined = [...dropPrivilegesArgs(spec.uid), ...python];
  let argv: string[];
  if (spec.level === 'bubblewrap') {
    argv = [...prlimitArgs(spec.limits, spec.uid), findTool('bwrap') ?? 'bwrap', ...bwrapArgs(spec), ...confined];
  } else if (spec.level === 'unshare') {
    argv = [...prlimitArgs(spec.limits, spec.uid), findTool('unshare') ?? 'unshare', ...unshareNamespaceArgs(), '--', ...privateMountsArgs(), ...confined];
  } else {
    argv = [...prlimitArgs(spec.limits, spec.uid), ...confined];
  }
  const [file, ...args] = argv as [string, ...string[]];
  return { file, args, env: sandboxEnvironment(home), cwd: spec.scratch };
}
