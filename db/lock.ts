import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * One writer per embedded database: PGlite has no locking of its own, and two processes on one data
 * directory corrupt it (the second one's writes are invisible to, or overwritten by, the first). The
 * process that opens a data directory creates `<dir>.lock` exclusively; the file names its pid, the
 * pid's start time (so a recycled pid is not mistaken for the owner) and, for the app server, its URL,
 * so that a second process can go through the app instead.
 */
export interface LockOwner {
  pid: number;
  /** The owner's start time in clock ticks since boot (/proc/<pid>/stat), when the system has /proc. */
  startTicks: number | null;
  /** The base URL of the app server holding the lock, when the owner is one. */
  url: string | null;
  since: string;
}

export class DatabaseLockedError extends Error {
  readonly owner: LockOwner;
  constructor(dataDir: string, owner: LockOwner) {
    const who = owner.url ? `the STOP Studio app at ${owner.url} (pid ${owner.pid})` : `another STOP Studio process (pid ${owner.pid})`;
    super(
      `the embedded database ${dataDir} is in use by ${who}, and only one process may open it. ` +
        (owner.url
          ? `Run the command with that app's HOST and PORT so it goes through the app, or stop the app first.`
          : `Wait for that process to finish or stop it, or use another STOP_DATA_DIR.`),
    );
    this.name = 'DatabaseLockedError';
    this.owner = owner;
  }
}

export function lockPathOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the parenthesised command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text.slice(0, 4096)) as Partial<LockOwner>;
    if (!Number.isInteger(value.pid) || (value.pid as number) <= 0) return null;
    return {
      pid: value.pid as number,
      startTicks: typeof value.startTicks === 'number' ? value.startTicks : null,
      url: typeof value.url === 'string' && /^https?:\/\//.test(value.url) ? value.url : null,
      since: typeof value.since === 'string' ? value.since : '',
    };
  } catch {
    return null;
  }
}

/** Whether the recorded owner is still the process that wrote the lock. */
export function ownerAlive(owner: LockOwner): boolean {
  if (!pidAlive(owner.pid)) return false;
  if (owner.startTicks === null) return true;
  const now = startTicksOf(owner.pid);
  return now === null || now === owner.startTicks;
}

/** The live owner of a data directory's lock, or null when it is free (no lock, or a stale one). */
export function readLockOwner(dataDir: string): LockOwner | null {
  let text: string;
  try {
    text = readFileSync(lockPathOf(dataDir), 'utf8');
  } catch {
    return null;
  }
  const owner = parseOwner(text);
  return owner && ownerAlive(owner) ? owner : null;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const STALE_RETRIES = 3;

/**
 * Takes the lock of `dataDir` or throws DatabaseLockedError naming its live owner. A lock left by a
 * process that died (kill -9, crash) is taken over. The lock is also released when this process exits.
 */
export function acquireDataDirLock(dataDir: string, url: string | null = null): DataDirLock {
  const lockPath = lockPathOf(dataDir);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const mine: LockOwner = { pid: process.pid, startTicks: startTicksOf(process.pid), url, since: new Date().toISOString() };
  const content = JSON.stringify(mine);
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let text = '';
      try {
        text = readFileSync(lockPath, 'utf8');
      } catch {
        continue; // removed meanwhile: try again
      }
      const owner = parseOwner(text);
      if (owner && ownerAlive(owner)) throw new DatabaseLockedError(dataDir, owner);
      // A half-written lock of a live process would parse as null: give it a moment before taking over.
      if (!owner && attempt < STALE_RETRIES) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        continue;
      }
      if (attempt > STALE_RETRIES + 2) throw new Error(`cannot take the lock ${lockPath}: it keeps reappearing`);
      try {
        unlinkSync(lockPath);
      } catch {
        // another process took it over first; the next attempt sees its lock
      }
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    break;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path: lockPath, release };
}
