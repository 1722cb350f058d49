import { afterAll, describe, expect, test } from 'vitest';
import { evaluateSolution, runImprover, SandboxErrorCode } from '@/lib/sandbox';
import { SANDBOX_LIMITS } from './limits';
import { constantUtility, fakeSession, leftovers } from './testing/fixtures';

/**
 * Issue 11, items 1–3: hostile programs (as a model could write them) through real sandboxes. The host
 * process must stay small (RSS well under 1.5 GB), and only the offending invocation or evaluation fails,
 * with a typed error.
 */
const RSS_BOUND = 1.5 * 1024 ** 3;

/** Samples this process's RSS while `work` runs; returns the work's result and the peak. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const improver = (body: string, answer: () => string = () => 'answer', lmBudget = 2) =>
  runImprover({
    code: `import os, json\n\ndef improve_algorithm(initial_solution, utility, language_model):\n${body
      .trim()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`,
    initialSolution: 'def algorithm():\n    return 0\n',
    utility: constantUtility(2),
    languageModel: fakeSession(lmBudget, 2, answer),
    // These tests are about memory, not time: their limits only stop a hung test, on any machine's load.
    timeoutMs: 3_600_000,
    cpuSeconds: 3_600,
  });

const MB30 = 'big = "x" * (30 * 1024 * 1024)';

afterAll(async () => {
  expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
});

describe('item 1: every field from a sandbox is bounded before the host keeps it', () => {
  test('30 MB assigned to utility.budget 300 times: bounded events, a capped count, a small host', async () => {
    const { value: outcome, peak } = await withPeakRss(() =>
      improver(`
${MB30}
for _ in range(300):
    utility.budget = big
    language_model.budget = big
return "done"
`),
    );
    console.log(`30 MB × 300 budget raises: peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
    expect(outcome.ok, JSON.stringify(outcome.ok || outcome.error)).toBe(true);
    expect(outcome.circumventions).toHaveLength(SANDBOX_LIMITS.maxEvents);
    expect(outcome.eventsDropped).toBe(600 - SANDBOX_LIMITS.maxEvents);
    for (const event of outcome.circumventions) expect(event.detail.length).toBeLessThanOrEqual(SANDBOX_LIMITS.fieldChars + 1);
    expect(peak).toBeLessThan(RSS_BOUND);
  });

  test('30 MB event details written straight to the channel are copied down to the bound', async () => {
    const { value: outcome, peak } = await withPeakRss(() =>
      improver(`
${MB30}
line = (json.dumps({"type": "event", "kind": "budget_raise", "detail": big, "line": 1}) + "\\n").encode()
for _ in range(60):
    os.write(4, line)
return "done"
`),
    );
    console.log(`30 MB × 60 raw events: peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
    expect(outcome.ok, JSON.stringify(outcome.ok || outcome.error)).toBe(true);
    // Kept by reference (a slice), 60 × 30 MB would be 1.8 GB.
    expect(outcome.circumventions).toHaveLength(60);
    for (const event of outcome.circumventions) expect(event.detail.length).toBeLessThanOrEqual(SANDBOX_LIMITS.fieldChars + 1);
    expect(peak).toBeLessThan(RSS_BOUND);
  });

  test('a message over messageBytes ends the sandbox with output_limit', async () => {
    const outcome = await improver(`
os.write(4, b'{"type": "event", "detail": "' + b"x" * (${SANDBOX_LIMITS.messageBytes} + 10) + b'"}\\n')
return "not reached"
`);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(SandboxErrorCode.OutputLimit);
    expect(outcome.error.message).toMatch(/exceeded \d+ bytes/);
  });
});

describe('item 2: backpressure towards a sandbox', () => {
  test('30 MB method names from a sandbox that never reads: nothing is echoed in full, the host stays small', async () => {
    const { value: outcome, peak } = await withPeakRss(() =>
      improver(`
keep = os.dup(3)
r, w = os.pipe()
os.dup2(r, 3)  # the reader thread now waits on a pipe nobody writes: the host's replies are never read
name = "m" * (30 * 1024 * 1024)
for i in range(40):
    os.write(4, (json.dumps({"type": "call", "id": 10_000 + i, "method": name, "params": {}}) + "\\n").encode())
return "done"
`),
    );
    console.log(`30 MB method names × 40: peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
    expect(outcome.ok, JSON.stringify(outcome.ok || outcome.error)).toBe(true);
    expect(peak).toBeLessThan(RSS_BOUND);
  });

  test('a sandbox that stops reading while large replies pile up is killed at the bound', async () => {
    const answer = 'a'.repeat(4 * 1024 * 1024);
    const { value: outcome, peak } = await withPeakRss(() =>
      improver(
        `
keep = os.dup(3)
r, w = os.pipe()
os.dup2(r, 3)
for i in range(60):
    os.write(4, (json.dumps({"type": "call", "id": 10_000 + i, "method": "lm.prompt", "params": {"messages": ["hi"]}}) + "\\n").encode())
import time
time.sleep(600)
`,
        () => answer,
        60,
      ),
    );
    console.log(`60 unread 4 MiB replies: peak RSS ${(peak / 1024 ** 2).toFixed(0)} MiB`);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(SandboxErrorCode.SandboxFailure);
    expect(outcome.error.message).toMatch(/stopped reading its input/);
    expect(peak).toBeLessThan(RSS_BOUND);
  });
});

describe('item 3: deeply nested output', () => {
  const JUDGE = 'def generate(seed, count):\n    return [([i], i) for i in range(count)]\ndef score(args, hidden, output):\n    return 1.0 if output == hidden else 0.0\n';
  const evaluate = (solutionCode: string, judgeCode = JUDGE) =>
    evaluateSolution({ judgeCode, solutionCode, entryPoint: 'algorithm', seed: 1, count: 3, timeoutMsPerInstance: 5000, failureValue: 0, pool: null });

  test('a solution writing JSON nested 200,000 levels fails that instance alone with a clear error', async () => {
    const result = await evaluate(`
import os
def algorithm(i):
    if i == 1:
        os.write(4, b'{"type": "output", "id": 2, "ok": true, "output": ' + b"[" * 200000 + b"]" * 200000 + b"}\\n")
        import time
        time.sleep(60)
    return i
`);
    expect(result.scores).toEqual([1, 0, 1]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ index: 1, code: SandboxErrorCode.SandboxFailure });
    expect(result.failures[0]!.message).toMatch(/nested deeper than 100 levels/);
  });

  test('a deeply nested Python value is an exception of that instance', async () => {
    const result = await evaluate(`
def algorithm(i):
    if i == 0:
        value = []
        for _ in range(200000):
            value = [value]
        return value
    return i
`);
    expect(result.scores).toEqual([0, 1, 1]);
    expect(result.failures[0]).toMatchObject({ index: 0, code: SandboxErrorCode.Exception });
  });

  test('a judge that breaks on one output fails this evaluation, not the caller', async () => {
    const fragile = JUDGE.replace('    return 1.0 if', '    if output == "boom":\n        raise RuntimeError("cannot score")\n    return 1.0 if');
    const result = await evaluate('def algorithm(i):\n    return "boom" if i == 1 else i\n', fragile);
    expect(result.scores).toEqual([1, 0, 0]);
    expect(result.failures.map((failure) => failure.index)).toEqual([1, 2]);
    expect(result.failures[0]!.message).toMatch(/judge could not score .*cannot score/s);
  });
});
