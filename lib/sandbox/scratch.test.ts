import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runImprover, SandboxErrorCode } from '@/lib/sandbox';
import { installationTag, SCRATCH_PREFIX, sweepStaleScratch } from './launcher';
import { SANDBOX_LIMITS } from './limits';
import { fakeSession, leftovers } from './testing/fixtures';

/** Issue 11, item 4: bounded scratch space, swept after a killed server. */
async function freeBytes(): Promise<number> {
  const stats = await statfs(tmpdir());
  return stats.bavail * stats.bsize;
}

describe('scratch space', () => {
  test('a sandbox that writes without limit gets disk_limit at its bound; the host disk does not fill', async () => {
    const before = await freeBytes();
    let during = before;
    const outcome = await runImprover({
      code: `import os

def improve_algorithm(initial_solution, utility, language_model):
    chunk = b"x" * (1024 * 1024)
    written = 0
    try:
        for index in range(100000):
            with open(os.path.join(os.environ["HOME"], "fill-%d" % (index // 32)), "ab") as handle:
                handle.write(chunk)
            written += len(chunk)
    except OSError:
        utility("written %d" % written)  # the host measures its disk while the scratch space is full
        raise
    return "never full"
`,
      initialSolution: '',
      utility: {
        description: 'measures',
        budget: 1,
        async evaluate(solution) {
          during = await freeBytes();
          const written = Number(solution.split(' ')[1]);
          expect(written).toBeLessThanOrEqual(SANDBOX_LIMITS.scratchBytes);
          expect(written).toBeGreaterThan(SANDBOX_LIMITS.scratchBytes / 2);
          return 0;
        },
      },
      languageModel: fakeSession(1, 1),
      timeoutMs: 600_000,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(SandboxErrorCode.DiskLimit);
    expect(outcome.utilityCalls).toBe(1);
    // Other engineers share this disk: allow their writes, but a filled scratch space is far more.
    console.log(`host free disk before ${before}, with a full scratch space ${during} (drop ${before - during} bytes)`);
    expect(before - during).toBeLessThanOrEqual(SANDBOX_LIMITS.scratchBytes);
    expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
  });

  test('after kill -9 of the host, the next start sweeps its scratch directories', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', path.resolve('lib/sandbox/testing/scratch-holder.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ready = await new Promise<string>((resolve, reject) => {
      let text = '';
      holder.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text);
      });
      holder.once('exit', (code) => reject(new Error(`the holder exited (${code}) before its sandbox started`)));
    });
    expect(ready).toMatch(/^ready \d+/);
    const mine = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`${SCRATCH_PREFIX}${holder.pid}-`));
    expect(mine()).toHaveLength(1);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const [left] = mine();
    expect(left).toBeDefined();
    const removed = await sweepStaleScratch();
    expect(removed).toContain(path.join(tmpdir(), left!));
    expect(mine()).toEqual([]);
  });

  test('a start-up sweep removes only its own installation\'s scratch directories', async () => {
    // A pid that surely belongs to no live process: a child that has exited.
    const child = spawn('true');
    await new Promise((resolve) => child.once('exit', resolve));
    const dead = child.pid!;
    const own = mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${dead}-${installationTag()}-`));
    const others = mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${dead}-0123456789ab-`));
    try {
      const removed = await sweepStaleScratch();
      expect(removed).toContain(own);
      expect(removed).not.toContain(others);
      expect(existsSync(others)).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
      rmSync(others, { recursive: true, force: true });
    }
  });
});
