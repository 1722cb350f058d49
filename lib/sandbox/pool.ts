import os from 'node:os';
import { defaultLauncher, launchSandbox, launchSpare, type LaunchOptions, type SandboxProcess, type SpareSandbox } from './launcher';

/**
 * Warm processes, where isolation allows it (docs/architecture.md §4):
 * - untrusted roles get *spares*: sandboxes started ahead of time with the limits of a given launch,
 *   waiting for their one program. A spare is handed out once and never returns: a process never
 *   serves two different untrusted programs.
 * - trusted judges are *reused*: a judge process with its instances generated serves many evaluations
 *   of the same (judge code, seed, count). The judge is task code, not a candidate, so reuse is safe;
 *   its hidden data still never leaves its process.
 */

export interface SandboxPoolOptions {
  /** Spares kept ready per set of limits (default: one per core, 2 to 8). */
  spares?: number;
  /** Spares and idle judges are killed after this long without use (default 30 s). */
  idleMs?: number;
  /** Most spares alive at once, over all sets of limits (default 4 × spares). */
  maxSpares?: number;
  /** Idle judges kept per key (default: spares). */
  judgesPerKey?: number;
  /** Most idle judges over all keys (default 16). */
  maxIdleJudges?: number;
  /** A judge process serves at most this many evaluations, then retires (default 500). */
  judgeUses?: number;
}

export interface SandboxPoolStats {
  warmStarts: number;
  coldStarts: number;
  judgeReuses: number;
  judgeStarts: number;
}

interface Closable {
  close(): Promise<void>;
}

/** A checked-out pooled value: give it back (`reusable`) or have it closed. */
export interface Lease<T> {
  readonly value: T;
  readonly reused: boolean;
  /** Resolves once a value that is not kept has been closed. */
  release(reusable: boolean): Promise<void>;
}

interface IdleEntry<T> {
  value: T;
  uses: number;
  timer: NodeJS.Timeout;
}

/** Idle values per key, each checked out by one user at a time; closed after idling or too many uses. */
export class KeyedIdlePool<T extends Closable> {
  private readonly idle = new Map<string, IdleEntry<T>[]>();
  private idleCount = 0;
  private readonly closing = new Set<Promise<void>>();
  private closed = false;
  reuses = 0;
  starts = 0;

  constructor(
    private readonly options: { perKey: number; maxIdle: number; idleMs: number; maxUses: number },
  ) {}

  async acquire(key: string, create: () => Promise<T>): Promise<Lease<T>> {
    const entry = this.take(key);
    if (entry) {
      this.reuses += 1;
      return this.lease(key, entry.value, entry.uses, true);
    }
    this.starts += 1;
    return this.lease(key, await create(), 0, false);
  }

  private take(key: string): IdleEntry<T> | undefined {
    const entry = this.idle.get(key)?.pop();
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.idleCount -= 1;
    return entry;
  }

  private lease(key: string, value: T, uses: number, reused: boolean): Lease<T> {
    let released = false;
    return {
      value,
      reused,
      release: async (reusable) => {
        if (released) return;
        released = true;
        if (reusable) this.putBack(key, value, uses + 1);
        else await this.close(value);
      },
    };
  }

  private putBack(key: string, value: T, uses: number): void {
    const list = this.idle.get(key) ?? [];
    if (this.closed || uses >= this.options.maxUses || list.length >= this.options.perKey) {
      void this.close(value);
      return;
    }
    if (this.idleCount >= this.options.maxIdle) this.evictOldest();
    const entry: IdleEntry<T> = { value, uses, timer: setTimeout(() => this.expire(key, entry), this.options.idleMs) };
    entry.timer.unref();
    list.push(entry);
    this.idle.set(key, list);
    this.idleCount += 1;
  }

  private expire(key: string, entry: IdleEntry<T>): void {
    const list = this.idle.get(key);
    const index = list?.indexOf(entry) ?? -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.idle.delete(key);
    this.idleCount -= 1;
    void this.close(entry.value);
  }

  private evictOldest(): void {
    const [key, list] = this.idle.entries().next().value ?? [];
    if (key !== undefined && list?.[0]) this.expire(key, list[0]);
  }

  private close(value: T): Promise<void> {
    const done = value.close().catch(() => undefined);
    this.closing.add(done);
    void done.finally(() => this.closing.delete(done));
    return done;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    for (const [key, list] of [...this.idle.entries()]) for (const entry of [...list]) this.expire(key, entry);
    await Promise.all([...this.closing]);
  }
}

const cores = os.availableParallelism();

/** Spares for untrusted roles and reusable judges (see the module comment). */
export class SandboxPool {
  readonly judges: KeyedIdlePool<Closable>;
  private readonly spares = new Map<string, SpareSandbox[]>();
  private readonly starting = new Map<string, number>();
  private readonly live = new Set<SpareSandbox>();
  private readonly sparesPerKey: number;
  private readonly maxSpares: number;
  private readonly idleMs: number;
  private closed = false;
  private warmStarts = 0;
  private coldStarts = 0;

  constructor(options: SandboxPoolOptions = {}) {
    this.sparesPerKey = options.spares ?? Math.min(8, Math.max(2, cores));
    this.maxSpares = options.maxSpares ?? 4 * this.sparesPerKey;
    this.idleMs = options.idleMs ?? 30_000;
    this.judges = new KeyedIdlePool({
      perKey: options.judgesPerKey ?? this.sparesPerKey,
      maxIdle: options.maxIdleJudges ?? 16,
      idleMs: this.idleMs,
      maxUses: options.judgeUses ?? 500,
    });
  }

  /** A sandbox for one program with exactly the limits of `options`: a warm spare when one is ready. */
  async launch(options: LaunchOptions): Promise<SandboxProcess> {
    // A zygote forks a warm process on demand: spares only help programs that are spawned from nothing.
    if ((options.launcher ?? defaultLauncher()) === 'fork-server') return launchSandbox(options);
    const key = spareKey(options);
    const spare = this.spares.get(key)?.shift();
    this.replenish(key, options);
    if (spare) {
      this.live.delete(spare);
      this.warmStarts += 1;
      return spare.arm(options);
    }
    this.coldStarts += 1;
    return launchSandbox(options);
  }

  private replenish(key: string, options: LaunchOptions): void {
    const ready = this.spares.get(key) ?? [];
    this.spares.set(key, ready);
    let starting = this.starting.get(key) ?? 0;
    while (!this.closed && ready.length + starting < this.sparesPerKey && this.live.size + starting < this.maxSpares) {
      starting += 1;
      this.starting.set(key, starting);
      void this.startSpare(key, ready, options);
    }
  }

  private async startSpare(key: string, ready: SpareSandbox[], options: LaunchOptions): Promise<void> {
    let spare: SpareSandbox | undefined;
    try {
      spare = await launchSpare({ role: options.role, cpuSeconds: options.cpuSeconds, memoryBytes: options.memoryBytes, launcher: options.launcher, idleMs: this.idleMs });
    } catch {
      // A spare that cannot start is simply missing: the next launch starts cold and reports the error.
    } finally {
      this.starting.set(key, (this.starting.get(key) ?? 1) - 1);
    }
    if (!spare) return;
    if (this.closed) {
      spare.kill('finished');
      return;
    }
    const started = spare;
    this.live.add(started);
    ready.push(started);
    // A spare that dies unclaimed (idle expiry, or a failure) leaves the list; it is not replaced.
    void started.exited.then(() => {
      this.live.delete(started);
      const index = ready.indexOf(started);
      if (index >= 0) ready.splice(index, 1);
    });
  }

  stats(): SandboxPoolStats {
    return {
      warmStarts: this.warmStarts,
      coldStarts: this.coldStarts,
      judgeReuses: this.judges.reuses,
      judgeStarts: this.judges.starts,
    };
  }

  /** Kills every spare and idle judge; resolves when they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    const spares = [...this.live];
    for (const spare of spares) spare.kill('finished');
    await Promise.all([...spares.map((spare) => spare.exited), this.judges.closeAll()]);
    this.spares.clear();
  }
}

function spareKey(options: LaunchOptions): string {
  return `${options.role}|${Math.max(1, Math.ceil(options.cpuSeconds))}|${options.memoryBytes ?? 'default'}`;
}

type GlobalWithPool = typeof globalThis & { __stopStudioSandboxPool?: SandboxPool };
const holder = globalThis as GlobalWithPool;

/**
 * The process-wide pool that `evaluateSolution` uses when its caller passes none. Off until installed
 * (the engine's server process installs it); tests that count live processes see none by default.
 */
export function installSandboxPool(pool: SandboxPool | undefined): SandboxPool | undefined {
  const previous = holder.__stopStudioSandboxPool;
  holder.__stopStudioSandboxPool = pool;
  return previous;
}

export function installedSandboxPool(): SandboxPool | undefined {
  return holder.__stopStudioSandboxPool;
}

/** Installs a default pool once (idempotent) and returns the installed one. */
export function ensureSandboxPool(options?: SandboxPoolOptions): SandboxPool {
  return (holder.__stopStudioSandboxPool ??= new SandboxPool(options));
}
