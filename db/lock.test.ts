import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { acquireDataDirLock, DatabaseLockedError, lockPathOf, readLockOwner } from './lock';
import { runs } from './schema';

const ROOT = path.resolve(import.meta.dirname, '..');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stop-lock-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one writer per embedded database', () => {
  it('refuses a second opener, naming the owner and its URL, and frees the lock on close', async () => {
    const dataDir = path.join(tempDir(), 'pglite');
    const handle = await openDatabase({ dataDir, ownerUrl: 'http://127.0.0.1:3999' });
    try {
      expect(readLockOwner(dataDir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:3999' });
      await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by the STOP Studio app at http:\/\/127\.0\.0\.1:3999/);
    } finally {
      await handle.close();
    }
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('takes over the lock of a process that died, and of a recycled pid', () => {
    const dataDir = path.join(tempDir(), 'pglite');
    writeFileSync(lockPathOf(dataDir), JSON.stringify({ pid: deadPid(), startTicks: null, url: null, since: '' }));
    expect(readLockOwner(dataDir)).toBeNull();
    const lock = acquireDataDirLock(dataDir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();

    // Our own pid but another start time: the pid was recycled, the owner is gone.
    writeFileSync(lockPathOf(dataDir), JSON.stringify({ pid: process.pid, startTicks: 1, url: null, since: '' }));
    const second = acquireDataDirLock(dataDir);
    second.release();
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });

  it('a live owner keeps its lock, however often others try', () => {
    const dataDir = path.join(tempDir(), 'pglite');
    const lock = acquireDataDirLock(dataDir);
    try {
      for (let i = 0; i < 5; i++) expect(() => acquireDataDirLock(dataDir)).toThrow(DatabaseLockedError);
      expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      lock.release();
    }
  });

  it('a CLI command on a database another process holds stops with a clear message and writes nothing', async () => {
    const data = tempDir();
    const dataDir = path.join(data, 'pglite');
    const handle = await openDatabase({ dataDir });
    try {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/stop.mjs'), 'improve', '--improver', 'lib/improvers/seeds/seed_improver.py', '--task', 'lpn', '--json'],
        // A port nothing listens on: the command cannot reach an app and must not open the database itself.
        { cwd: ROOT, env: { ...process.env, STOP_DATA_DIR: data, PORT: '9', OPENAI_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/in use by another STOP Studio process \(pid \d+\)/);
      expect(await handle.db.select().from(runs)).toEqual([]);
      expect(readLockOwner(dataDir)).toMatchObject({ pid: process.pid });
    } finally {
      await handle.close();
    }
  });
});
