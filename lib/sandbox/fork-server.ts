import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { TailBuffer } from './channel';
import { buildZygoteCommand, type ProcessLimits } from './command';
import { harnessDir } from './harness-path';
import type { PythonInterpreter } from './interpreter';
import type { IsolationLevel } from './isolation';
import type { HandleEnd, SandboxHandle } from './launcher';
import { SANDBOX_LIMITS } from './limits';

/**
 * Fork servers (README "Fork server"): per isolation level one long-lived sandbox whose process, the
 * zygote (python/zygote.py), has imported the harness and numpy and forks one fresh child per program.
 * The host talks to all children of a zygote over the zygote's two pipes, in frames (child id, kind,
 * length); the zygote relays bytes without parsing them. A zygote that reports a child may have changed
 * what the next child shares is retired (no new children) and ends once its last child has.
 */

const HEADER_BYTES = 9;
const Kind = { control: 0, input: 1, closeInput: 2, messages: 3, stdout: 4, stderr: 5 } as const;
/** A zygote is replaced after this many children even when none left a trace (bounds any slow drift). */
const CHILDREN_PER_ZYGOTE = 2_000;
/** Largest control message the host accepts from a zygote (they are a few hundred bytes). */
const MAX_CONTROL_BYTES = 64 * 1024;

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(osConstants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

function frame(childId: number, kind: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(childId, 0);
  header.writeUInt8(kind, 4);
  header.writeUInt32BE(payload.length, 5);
  return Buffer.concat([header, payload]);
}

/**
 * An instance set a solution's calls draw on: the zygote decodes and converts its arguments once, and its
 * children inherit them through the fork, so a call names its instance (`ref`) instead of carrying them.
 */
export interface SharedDataset {
  /** Identifies the calls and argument types (the judge's key). */
  key: string;
  /** The calls as JSON lines (`{"type": "call", "args": [...], ...}`), one per instance, in order. */
  calls: string;
  argumentTypes: readonly string[];
}

export interface ForkRequest {
  limits: ProcessLimits;
  /** The child's own user (root hosts), so its process limit counts only its own processes. */
  uid: number | undefined;
  dataset?: SharedDataset;
}

/** Instance sets one zygote holds at most (the least recently used is dropped). */
const DATASETS_PER_ZYGOTE = 8;

class ForkedChild implements SandboxHandle {
  /** The key of the instance set this child inherited, if any. */
  dataset: string | null = null;

  readonly messages = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly input: Writable;
  readonly ended: Promise<HandleEnd>;
  private finish: (end: HandleEnd) => void = () => undefined;
  private done = false;

  constructor(
    readonly id: number,
    private readonly zygote: Zygote,
  ) {
    this.ended = new Promise((resolve) => (this.finish = resolve));
    this.input = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        zygote.write(frame(id, Kind.input, chunk));
        callback();
      },
      final: (callback) => {
        zygote.write(frame(id, Kind.closeInput, Buffer.alloc(0)));
        callback();
      },
    });
  }

  /** Host pids of forked children are not tracked (they live in the zygote's PID namespace). */
  get pid(): number | undefined {
    return undefined;
  }

  deliver(kind: number, payload: Buffer): void {
    if (this.done) return;
    if (kind === Kind.messages) this.messages.write(payload);
    else if (kind === Kind.stdout) this.stdout.write(payload);
    else if (kind === Kind.stderr) this.stderr.write(payload);
  }

  end(result: HandleEnd): void {
    if (this.done) return;
    this.done = true;
    for (const stream of [this.messages, this.stdout, this.stderr]) stream.end();
    this.finish(result);
  }

  kill(): void {
    if (!this.done) this.zygote.control({ op: 'kill', id: this.id });
  }

  async cleanup(): Promise<void> {
    // The zygote relayed everything and removed the scratch directory before it reported the end.
    this.input.destroy();
  }
}

class Zygote {
  readonly children = new Map<number, ForkedChild>();
  private nextId = 0;
  private forked = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private corked = false;
  retired = false;
  private dead = false;
  readonly ready: Promise<void>;
  private announce: (error?: Error) => void = () => undefined;
  private readonly stderrTail = new TailBuffer(2048);
  /** Keys of the instance sets the zygote holds, least recently used first. */
  private readonly datasets = new Set<string>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly hostScratch: string | undefined,
    private readonly onGone: (zygote: Zygote) => void,
  ) {
    this.ready = new Promise((resolve, reject) => (this.announce = (error) => (error ? reject(error) : resolve())));
    const pipes = process.stdio as unknown as [null, Readable, Readable, Writable, Readable];
    pipes[1].resume();
    pipes[2].on('data', (chunk: Buffer) => this.stderrTail.push(chunk));
    for (const stream of [pipes[1], pipes[2]]) stream.on('error', () => undefined);
    pipes[3].on('error', () => undefined);
    pipes[4].on('data', (chunk: Buffer) => this.receive(chunk));
    pipes[4].on('error', () => undefined);
    process.once('error', (error) => this.die(`the fork server could not be started: ${error.message}`));
    process.once('exit', (code, signal) => {
      const tail = this.stderrTail.text().trim();
      this.die(`the fork server ended (${signal ?? `status ${code}`})${tail ? `: ${tail}` : ''}`);
    });
    void this.ready.then(() => this.holdEventLoop(), () => undefined);
  }

  /** An idle zygote does not keep the host process alive; one starting or with children does. */
  private holdEventLoop(): void {
    const hold = this.children.size > 0;
    if (hold) this.process.ref();
    else this.process.unref();
    for (const stream of this.process.stdio) {
      const socket = stream as unknown as { ref?: () => void; unref?: () => void } | null;
      if (hold) socket?.ref?.();
      else socket?.unref?.();
    }
  }

  static async start(level: IsolationLevel, python: PythonInterpreter, onGone: (zygote: Zygote) => void): Promise<Zygote> {
    const hostScratch = level === 'limits-only' ? await mkdtemp(path.join(tmpdir(), 'stop-zygote-')) : undefined;
    const command = buildZygoteCommand({ level, python, harnessDir: harnessDir(), scratch: hostScratch ?? '' });
    const child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env: command.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    });
    const zygote = new Zygote(child, hostScratch, onGone);
    await zygote.ready;
    return zygote;
  }

  get usable(): boolean {
    return !this.retired && !this.dead;
  }

  /**
   * Frames written in one turn of the event loop (a fork, the program, its calls and the end of its input)
   * reach the zygote in one system call, so it wakes once for all of them.
   */
  write(data: Buffer): void {
    if (this.dead) return;
    const pipe = this.process.stdio[3] as Writable;
    if (!this.corked) {
      this.corked = true;
      pipe.cork();
      setImmediate(() => {
        this.corked = false;
        pipe.uncork();
      });
    }
    pipe.write(data);
  }

  control(message: object): void {
    this.write(frame(0, Kind.control, Buffer.from(JSON.stringify(message))));
  }

  fork(request: ForkRequest): ForkedChild {
    this.nextId += 1;
    this.forked += 1;
    if (this.forked >= CHILDREN_PER_ZYGOTE) this.retire();
    const child = new ForkedChild(this.nextId, this);
    this.children.set(child.id, child);
    if (this.children.size === 1) this.holdEventLoop();
    const { limits, uid, dataset } = request;
    if (dataset) {
      this.holdDataset(dataset);
      child.dataset = dataset.key;
    }
    this.control({
      op: 'fork',
      id: child.id,
      uid: uid ?? null,
      dataset: dataset?.key ?? null,
      limits: {
        cpu_seconds: limits.cpuSeconds,
        cpu_grace_seconds: SANDBOX_LIMITS.cpuGraceSeconds,
        memory_bytes: limits.memoryBytes,
        file_size_bytes: SANDBOX_LIMITS.fileSizeBytes,
        open_files: SANDBOX_LIMITS.openFiles,
        processes: SANDBOX_LIMITS.maxProcesses,
      },
    });
    return child;
  }

  /** Sends the instance set unless the zygote holds it already (frames are in order: before the fork). */
  private holdDataset(dataset: SharedDataset): void {
    if (this.datasets.delete(dataset.key)) {
      this.datasets.add(dataset.key);
      return;
    }
    this.control({ op: 'dataset', key: dataset.key, argument_types: dataset.argumentTypes, calls: dataset.calls });
    this.datasets.add(dataset.key);
    if (this.datasets.size > DATASETS_PER_ZYGOTE) {
      const [oldest] = this.datasets;
      this.datasets.delete(oldest!);
      this.control({ op: 'drop', key: oldest });
    }
  }

  /** No new children; the zygote ends once the ones it has are gone. */
  retire(): void {
    this.retired = true;
    if (this.children.size === 0) this.stop();
  }

  private stop(): void {
    if (this.process.pid) {
      try {
        globalThis.process.kill(-this.process.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Splits the zygote's output into frames; a frame's bytes are joined once, when all have arrived. */
  private receive(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= HEADER_BYTES) {
      if (this.pending[0]!.length < HEADER_BYTES) this.pending = [Buffer.concat(this.pending)];
      const head = this.pending[0]!;
      const childId = head.readUInt32BE(0);
      const kind = head.readUInt8(4);
      const length = head.readUInt32BE(5);
      if (kind === Kind.control && length > MAX_CONTROL_BYTES) {
        this.die('the fork server sent an oversized control message');
        return;
      }
      if (this.pendingBytes < HEADER_BYTES + length) return;
      const buffer = this.pending.length === 1 ? head : Buffer.concat(this.pending);
      const payload = Buffer.from(buffer.subarray(HEADER_BYTES, HEADER_BYTES + length));
      const rest = buffer.subarray(HEADER_BYTES + length);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      if (kind === Kind.control) this.onControl(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      else this.children.get(childId)?.deliver(kind, payload);
    }
  }

  private onControl(message: Record<string, unknown>): void {
    if (message.op === 'ready') {
      this.announce();
      return;
    }
    const child = this.children.get(Number(message.id));
    if (!child) return;
    if (message.op === 'fork_failed') {
      this.children.delete(child.id);
      if (this.children.size === 0) this.holdEventLoop();
      child.end({ code: null, signal: null, detail: `the fork server could not start the program: ${String(message.message).slice(0, 300)}` });
      this.retire();
      return;
    }
    if (message.op !== 'exit') return;
    this.children.delete(child.id);
    if (message.dirty) this.retire();
    const signal = typeof message.signal === 'number' ? (SIGNAL_NAMES.get(message.signal) ?? null) : null;
    const end: HandleEnd = { code: typeof message.code === 'number' ? message.code : null, signal };
    if (typeof message.cpu_ms === 'number' && Number.isFinite(message.cpu_ms) && message.cpu_ms >= 0) end.cpuMs = message.cpu_ms;
    if (message.killed_for === 'input_overflow') {
      end.killedFor = 'protocol';
      end.detail = `it stopped reading its input while more than ${SANDBOX_LIMITS.unsentInputBytes} bytes waited`;
    }
    // A program that exits 70 never got past its confinement (see zygote.py become_child).
    if (end.code === 70) end.detail = 'the fork server could not confine the program';
    child.end(end);
    if (this.children.size === 0) this.holdEventLoop();
    if (this.retired && this.children.size === 0) this.stop();
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.announce(new Error(reason));
    for (const child of this.children.values()) child.end({ code: null, signal: null, detail: reason });
    this.children.clear();
    this.stop();
    if (this.hostScratch) void rm(this.hostScratch, { recursive: true, force: true });
    this.onGone(this);
  }
}

/** The current zygote per isolation level; retired ones finish their children on their own. */
class ForkServers {
  private readonly current = new Map<IsolationLevel, Promise<Zygote>>();

  async fork(level: IsolationLevel, python: PythonInterpreter, request: ForkRequest): Promise<SandboxHandle> {
    let zygote = await this.zygote(level, python);
    if (!zygote.usable) {
      this.current.delete(level);
      zygote = await this.zygote(level, python);
    }
    return zygote.fork(request);
  }

  /** Starts the level's zygote now, so that the first program does not wait for its start. */
  async prepare(level: IsolationLevel, python: PythonInterpreter): Promise<void> {
    await this.zygote(level, python);
  }

  private zygote(level: IsolationLevel, python: PythonInterpreter): Promise<Zygote> {
    let started = this.current.get(level);
    if (!started) {
      started = Zygote.start(level, python, (gone) => {
        void this.current.get(level)?.then((now) => now === gone && this.current.delete(level), () => undefined);
      });
      started.catch(() => this.current.delete(level));
      this.current.set(level, started);
    }
    return started;
  }

  /** Retires every zygote (tests, shutdown): they end once their children have. */
  async retireAll(): Promise<void> {
    const zygotes = [...this.current.values()];
    this.current.clear();
    for (const started of zygotes) (await started.catch(() => undefined))?.retire();
  }
}

type GlobalWithForkServers = typeof globalThis & { __stopStudioForkServers?: ForkServers };
const holder = globalThis as GlobalWithForkServers;

export const forkServers: ForkServers = (holder.__stopStudioForkServers ??= new ForkServers());
