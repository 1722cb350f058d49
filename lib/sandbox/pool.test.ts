import { describe, expect, test, vi } from 'vitest';
import { evaluateSolution } from './evaluate';
import { KeyedIdlePool, SandboxPool } from './pool';
import { leftovers } from './testing/fixtures';

// Spares are how the pool warms programs that are spawned from nothing (the fork server needs none).
vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX_LAUNCHER', 'spawn-per-program');
});

/** Instance i is the argument i; the score is the output itself (so solutions report what they see). */
const ECHO_JUDGE =
  'def generate(seed, count):\n    return [([i], i) for i in range(count)]\ndef score(args, hidden, output):\n    return float(output)\n';

const evaluate = (pool: SandboxPool, solutionCode: string) =>
  evaluateSolution({
    judgeCode: ECHO_JUDGE,
    solutionCode,
    entryPoint: 'algorithm',
    seed: 1,
    count: 2,
    timeoutMsPerInstance: 1000,
    failureValue: 0,
    pool,
  });

class Counted {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

describe('KeyedIdlePool', () => {
  test('reuses a released value for the same key only, and retires it after maxUses', async () => {
    const pool = new KeyedIdlePool<Counted>({ perKey: 2, maxIdle: 4, idleMs: 60_000, maxUses: 2 });
    const first = await pool.acquire('a', async () => new Counted());
    await first.release(true);
    const second = await pool.acquire('a', async () => new Counted());
    expect(second.value).toBe(first.value);
    expect((await pool.acquire('b', async () => new Counted())).value).not.toBe(first.value);
    await second.release(true); // second use: retired
    expect(first.value.closed).toBe(true);
    const fresh = await pool.acquire('a', async () => new Counted());
    expect(fresh.reused).toBe(false);
    await fresh.release(false);
    expect(fresh.value.closed).toBe(true);
    await pool.closeAll();
  });
});

describe('SandboxPool', () => {
  test('warm solution processes serve one program each; the judge is reused; nothing is left after close', async () => {
    const pool = new SandboxPool({ spares: 2 });
    // The first program leaves a mark in its interpreter; a reused process would show it to the second.
    const marker = 'import builtins\nbuiltins.MARK = 1\ndef algorithm(i):\n    return 1\n';
    const reader = 'import builtins\ndef algorithm(i):\n    return getattr(builtins, "MARK", 0)\n';
    expect((await evaluate(pool, marker)).utility).toBe(1);
    for (let round = 0; round < 4; round++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await evaluate(pool, reader)).utility).toBe(0);
    }
    const stats = pool.stats();
    expect(stats.warmStarts).toBeGreaterThan(0);
    expect(stats.judgeReuses).toBeGreaterThan(0);
    expect(stats.judgeStarts + stats.judgeReuses).toBe(5);
    await pool.close();
    expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
  });

  test('a failing judge is not reused', async () => {
    const pool = new SandboxPool({ spares: 1 });
    const judgeCode = 'def generate(seed, count):\n    return [([i], i) for i in range(count)]\ndef score(args, hidden, output):\n    raise ValueError("no")\n';
    const run = () =>
      evaluateSolution({
        judgeCode, solutionCode: 'def algorithm(i):\n    return i\n', entryPoint: 'algorithm',
        seed: 1, count: 1, timeoutMsPerInstance: 1000, failureValue: 0, pool,
      });
    // A judge that breaks on an output fails that evaluation (failure value, with the reason), not the caller.
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await run();
      expect(result.utility).toBe(0);
      expect(result.failures[0]?.message).toMatch(/judge could not score/);
    }
    expect(pool.stats()).toMatchObject({ judgeReuses: 0, judgeStarts: 2 });
    await pool.close();
    expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
  });
});
