import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { env } from '@/lib/env';
import { readJsonLines, TailBuffer, type ProtocolMessage } from './channel';
import { buildSandboxCommand, type ProcessLimits } from './command';
import { forkServers, type SharedDataset } from './fork-server';
import { harnessDir, reachableByOthers } from './harness-path';
import { findPython } from './interpreter';
import { detectIsolation, type IsolationLevel } from './isolation';
import { SANDBOX_LIMITS } from './limits';
import { hostIsRoot } from './tools';

/**
 * Starts one sandboxed Python process for one untrusted program and owns its whole life:
 * scratch directory, limits, wall clock, output caps, process-group kill, clean-up.
 * A process never serves two different programs (a warm pool must keep to that).
 */

export type SandboxRole = 'improver' | 'solution' | 'judge';
export type KillReason = 'timeout' | 'output_limit' | 'cancelled' | 'protocol' | 'finished';

export interface SandboxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the host killed it, when it did. */
  killedFor: KillReason | null;
  /** Set for protocol violations and launch failures. */
  detail: string | null;
  /** Whether the harness ever said hello (false: the sandbox itself failed to start). */
  started: boolean;
  /** CPU time of the process (fork server: from its exit status), when known. */
  cpuMs?: number;
}

export type Received =
  | { kind: 'message'; message: ProtocolMessage }
  | { kind: 'exit'; exit: SandboxExit }
  | { kind: 'timeout' };

export interface LaunchOptions {
  role: SandboxRole;
  /** Default: STOP_SANDBOX_LAUNCHER (the fork server). */
  launcher?: Launcher;
  cpuSeconds: number;
  /** Wall clock for the whole process. */
  timeoutMs: number;
  memoryBytes?: number;
  signal?: AbortSignal;
  /** An instance set the process may inherit (fork server only): see `SandboxProcess.dataset`. */
  dataset?: SharedDataset;
}

export interface SandboxProcess {
  readonly role: SandboxRole;
  /** The key of the instance set the process holds (its calls may name instances by `ref`), else null. */
  readonly dataset: string | null;
  /** Host pid of the process tree's root (for resource measurements). */
  readonly pid: number | undefined;
  send(message: object): void;
  /** Sends messages already encoded as JSON lines (each ending in a newline), in one write. */
  sendLines(lines: string): void;
  /** Ends the program's input after what was sent (it sees end of file once it has read all of it). */
  closeInput(): void;
  /** The next message, or the exit once the process is gone, or 'timeout' after timeoutMs. */
  receive(timeoutMs?: number): Promise<Received>;
  kill(reason: KillReason): void;
  /** Resolves once the process group is dead and the scratch directory removed. */
  readonly exited: Promise<SandboxExit>;
  stderrTail(): string;
  stdoutTail(): string;
}

/**
 * Scratch directories are named after the host process, so leaks can be traced to it, and after the
 * installation (its database) so that a start-up sweep removes only its own: other servers on the
 * machine, whose processes this one may not see (containers sharing /tmp), keep theirs.
 */
export const SCRATCH_PREFIX = 'stop-sandbox-';

export function installationTag(): string {
  const database = env.DATABASE_URL ?? `pglite:${path.resolve(env.STOP_DATA_DIR)}`;
  return createHash('sha256').update(database).digest('hex').slice(0, 12);
}
export const UID_BASE = 200_000;
let uidCounter = 0;

/** A user of its own for each live sandbox of this host process, so RLIMIT_NPROC counts one sandbox. */
function nextSandboxUid(): number {
  uidCounter = (uidCounter + 1) % 100;
  return sandboxUidRange().first + uidCounter;
}

/** The users this host process gives its sandboxes (for leak checks). */
export function sandboxUidRange(): { first: number; last: number } {
  const first = UID_BASE + (process.pid % 1000) * 100;
  return { first, last: first + 99 };
}

/** Kills a process group; ignores a group that is already gone. */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether a process of this pid is alive (EPERM: alive, of another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this installation's scratch directories of host processes that are gone (e.g. a server
 * killed with -9): the directory name carries the pid of the process that made it and the installation's
 * tag. Returns the directories removed.
 */
export async function sweepStaleScratch(directory = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const tag = installationTag();
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    const match = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-${tag}-`).exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    const full = path.join(directory, name);
    await rm(full, { recursive: true, force: true }).then(
      () => removed.push(full),
      () => undefined,
    );
  }
  return removed;
}

/** Messages received and not yet taken; counts their bytes so a flood can be refused. */
class Mailbox {
  private queue: { item: Received; bytes: number }[] = [];
  private waiters: ((item: Received) => void)[] = [];
  private finalItem: Received | undefined;
  queuedBytes = 0;

  push(item: Received, bytes = 0): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else {
      this.queue.push({ item, bytes });
      this.queuedBytes += bytes;
    }
  }

  close(item: Received): void {
    this.finalItem = item;
    for (const waiter of this.waiters.splice(0)) waiter(item);
  }

  take(timeoutMs: number | undefined): Promise<Received> {
    const queued = this.queue.shift();
    if (queued) this.queuedBytes -= queued.bytes;
    const next = queued?.item ?? this.finalItem;
    if (next) return Promise.resolve(next);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (item: Received): void => {
        if (timer) clearTimeout(timer);
        resolve(item);
      };
      this.waiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          resolve({ kind: 'timeout' });
        }, timeoutMs);
      }
    });
  }
}

/** A pre-started sandbox that has not been given a program yet (see pool.ts). */
export interface SpareSandbox extends SandboxProcess {
  /** Resolves true once the harness said hello (waiting for its one program), false if it died first. */
  readonly ready: Promise<boolean>;
  /** Hands the sandbox out: from now on the wall clock and the signal of `options` apply. */
  arm(options: Pick<LaunchOptions, 'timeoutMs' | 'signal'>): SandboxProcess;
}

export interface SpareOptions extends Pick<LaunchOptions, 'role' | 'cpuSeconds' | 'memoryBytes' | 'launcher'> {
  /** How long the spare may wait for a program before it is killed. */
  idleMs: number;
}

export async function launchSandbox(options: LaunchOptions): Promise<SandboxProcess> {
  return (await spawnSandbox(options)).arm(options);
}

/**
 * Starts a sandbox whose wall clock does not run yet: it waits (at most `idleMs`) for its one program.
 * Limits (CPU, memory, user, namespaces) are those of a normal launch with the same options.
 */
export async function launchSpare(options: SpareOptions): Promise<SpareSandbox> {
  const sandbox = await spawnSandbox(options);
  sandbox.idleFor(options.idleMs);
  return sandbox;
}

/** Thrown when generated code would run at `limits-only` and the operator has not opted in. */
export class UnisolatedRefusedError extends Error {
  constructor() {
    super(
      'refusing to run generated code: this host only supports the limits-only sandbox level (no namespaces), where a ' +
        'program can reach the network and write the host\'s file system. Install bubblewrap or allow unprivileged ' +
        'namespaces, or set STOP_ALLOW_UNISOLATED=1 to accept the risk (a throwaway machine only).',
    );
    this.name = 'UnisolatedRefusedError';
  }
}

/** Generated code (improvers, solutions) never runs unisolated unless the operator opted in; judges are task code. */
export function assertIsolatedEnough(level: IsolationLevel, role: SandboxRole): void {
  if (level === 'limits-only' && role !== 'judge' && !env.STOP_ALLOW_UNISOLATED) throw new UnisolatedRefusedError();
}

/** One sandboxed process as the host sees it, however it was started (spawned, or forked by a zygote). */
export interface SandboxHandle {
  readonly pid: number | undefined;
  /** fd 3 of the program (host → program). */
  readonly input: Writable;
  /** fd 4 of the program (program → host), stdout and stderr. */
  readonly messages: Readable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** The key of the instance set the process inherited, if any. */
  readonly dataset?: string | null;
  /** Kills the process and everything it started. */
  kill(): void;
  /** The end of the process: its status, a reason the host was given for it, or why it could not start. */
  readonly ended: Promise<HandleEnd>;
  /** After the end: lets the pipes deliver what is left (bounded), then removes what the process left. */
  cleanup(): Promise<void>;
}

export interface HandleEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  detail?: string;
  killedFor?: KillReason;
  cpuMs?: number;
}

/** How programs get their process: a zygote forks each one (default), or each is spawned from nothing. */
export type Launcher = 'fork-server' | 'spawn-per-program';

export function defaultLauncher(): Launcher {
  return env.STOP_SANDBOX_LAUNCHER;
}

/**
 * Starts the fork server ahead of the first program: a one-shot command (`stop meta-utility`) opens its
 * database meanwhile, and the zygote's start (Python, numpy, the harness) runs on another core.
 */
export async function prepareForkServer(): Promise<void> {
  if (defaultLauncher() !== 'fork-server') return;
  const [isolation, python] = await Promise.all([detectIsolation(), findPython()]);
  await forkServers.prepare(isolation.level, python);
}

async function spawnSandbox(options: Pick<LaunchOptions, 'role' | 'cpuSeconds' | 'memoryBytes' | 'launcher' | 'dataset'>): Promise<RunningSandbox> {
  const [isolation, python] = await Promise.all([detectIsolation(), findPython()]);
  assertIsolatedEnough(isolation.level, options.role);
  const limits: ProcessLimits = {
    cpuSeconds: Math.max(1, Math.ceil(options.cpuSeconds)),
    memoryBytes: options.memoryBytes ?? SANDBOX_LIMITS.memoryBytes,
  };
  if ((options.launcher ?? defaultLauncher()) === 'fork-server') {
    const uid = hostIsRoot() ? nextSandboxUid() : undefined;
    const handle = await forkServers.fork(isolation.level, python, { limits, uid, ...(options.dataset ? { dataset: options.dataset } : {}) });
    return new RunningSandbox(options.role, handle);
  }
  const harness = harnessDir();
  const scratch = await mkdtemp(path.join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-${installationTag()}-`));
  const privileged = hostIsRoot();
  const uid =
    privileged &&
    (isolation.level === 'bubblewrap' || (reachableByOthers(python.path) && reachableByOthers(harness)))
      ? nextSandboxUid()
      : undefined;
  if (uid !== undefined) await chown(scratch, uid, uid);
  const command = buildSandboxCommand({ level: isolation.level, python, harnessDir: harness, scratch, limits, uid });
  let child: ChildProcess;
  try {
    const spawnOptions: SpawnOptions = {
      cwd: command.cwd,
      env: command.env as NodeJS.ProcessEnv,
      detached: true,
      // fd 3: host → program, fd 4: program → host; stdout and stderr are only captured.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    };
    child = spawn(command.file, command.args, spawnOptions);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return new RunningSandbox(options.role, spawnedHandle(child, scratch));
}

/** A spawned process tree (its own process group) with its host scratch directory. */
function spawnedHandle(child: ChildProcess, scratch: string): SandboxHandle {
  const pipes = child.stdio as unknown as [null, Readable, Readable, Writable, Readable];
  const drain = async (): Promise<void> => {
    const streams = [pipes[1], pipes[2], pipes[4]].filter((stream) => !stream.readableEnded);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(streams.map((stream) => new Promise((resolve) => stream.once('close', resolve)))),
      new Promise((resolve) => (timer = setTimeout(resolve, SANDBOX_LIMITS.drainMs))),
    ]);
    clearTimeout(timer);
    for (const stream of [...streams, pipes[3]]) stream.destroy();
  };
  return {
    pid: child.pid,
    input: pipes[3],
    messages: pipes[4],
    stdout: pipes[1],
    stderr: pipes[2],
    kill: () => killGroup(child.pid),
    ended: new Promise((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, detail: `the sandbox could not be started: ${error.message}` }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    }),
    cleanup: async () => {
      killGroup(child.pid);
      await drain();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

class RunningSandbox implements SpareSandbox {
  readonly exited: Promise<SandboxExit>;
  readonly ready: Promise<boolean>;
  private announceReady: (ready: boolean) => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private detachSignal: () => void = () => undefined;
  private readonly mailbox = new Mailbox();
  private readonly stdout = new TailBuffer(SANDBOX_LIMITS.stderrTailBytes);
  private readonly stderr = new TailBuffer(SANDBOX_LIMITS.stderrTailBytes);
  private readonly toChild: Writable;
  private killedFor: KillReason | null = null;
  private detail: string | null = null;
  private started = false;
  private gone = false;

  constructor(
    readonly role: SandboxRole,
    private readonly handle: SandboxHandle,
  ) {
    this.ready = new Promise((resolve) => (this.announceReady = resolve));
    this.toChild = handle.input;
    this.toChild.on('error', () => undefined);
    for (const [stream, tail] of [[handle.stdout, this.stdout], [handle.stderr, this.stderr]] as const) {
      stream.on('data', (chunk: Buffer) => {
        tail.push(chunk);
        if (this.stdout.total + this.stderr.total > SANDBOX_LIMITS.outputBytes) this.kill('output_limit');
      });
      stream.on('error', () => undefined);
    }
    readJsonLines(
      handle.messages,
      { maxBytes: SANDBOX_LIMITS.messageBytes, maxDepth: SANDBOX_LIMITS.messageDepth },
      (message, bytes) => {
        if (message.type === 'hello' && !this.started) {
          this.started = true;
          this.announceReady(true);
          return;
        }
        this.mailbox.push({ kind: 'message', message }, bytes);
        if (this.mailbox.queuedBytes > SANDBOX_LIMITS.unreadMessageBytes) {
          this.detail ??= `it sent more than ${SANDBOX_LIMITS.unreadMessageBytes} bytes of messages the host had not asked for yet`;
          this.kill('output_limit');
        }
      },
      (reason, kind) => {
        this.detail ??= reason;
        this.kill(kind === 'too_large' ? 'output_limit' : 'protocol');
      },
    );
    this.exited = this.watch();
  }

  get pid(): number | undefined {
    return this.handle.pid;
  }

  get dataset(): string | null {
    return this.handle.dataset ?? null;
  }

  /** Kills the sandbox if nobody claims it within `idleMs`. */
  idleFor(idleMs: number): void {
    this.timer = setTimeout(() => this.kill('finished'), idleMs);
    this.timer.unref();
  }

  arm(options: Pick<LaunchOptions, 'timeoutMs' | 'signal'>): SandboxProcess {
    clearTimeout(this.timer);
    if (this.gone) return this;
    this.timer = setTimeout(() => this.kill('timeout'), options.timeoutMs);
    const { signal } = options;
    if (signal) {
      const onAbort = (): void => this.kill('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
      this.detachSignal = () => signal.removeEventListener('abort', onAbort);
      if (signal.aborted) onAbort();
    }
    return this;
  }

  private async watch(): Promise<SandboxExit> {
    const { detail, killedFor, ...status } = await this.handle.ended;
    if (detail) this.detail ??= detail;
    if (killedFor) this.killedFor ??= killedFor;
    this.gone = true;
    this.announceReady(false);
    clearTimeout(this.timer);
    this.detachSignal();
    await this.handle.cleanup();
    const exit: SandboxExit = { ...status, killedFor: this.killedFor, detail: this.detail, started: this.started };
    this.mailbox.close({ kind: 'exit', exit });
    return exit;
  }

  /**
   * Writes one message. The pipe buffers what the sandbox has not read yet; a sandbox that stops
   * reading while more than `unsentInputBytes` wait is killed, so the host never queues without bound.
   */
  send(message: object): void {
    this.sendLines(`${JSON.stringify(message)}\n`);
  }

  sendLines(lines: string): void {
    if (this.gone || this.toChild.destroyed) return;
    this.toChild.write(lines);
    if (this.toChild.writableLength > SANDBOX_LIMITS.unsentInputBytes) {
      this.detail ??= `it stopped reading its input while more than ${SANDBOX_LIMITS.unsentInputBytes} bytes waited`;
      this.kill('protocol');
      this.toChild.destroy();
    }
  }

  closeInput(): void {
    if (!this.gone && !this.toChild.destroyed) this.toChild.end();
  }

  receive(timeoutMs?: number): Promise<Received> {
    return this.mailbox.take(timeoutMs);
  }

  kill(reason: KillReason): void {
    if (this.gone) return;
    this.killedFor ??= reason;
    this.handle.kill();
  }

  stderrTail(): string {
    return this.stderr.text();
  }

  stdoutTail(): string {
    return this.stdout.text();
  }
}
