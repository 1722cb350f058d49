import { describe, expect, test } from 'vitest';
import { evaluateSolution, JudgeError, SandboxErrorCode, type EvaluateSolutionOptions } from '@/lib/sandbox';
import { leftovers, PARITY_GOOD, PARITY_JUDGE, PARITY_SEED } from './testing/fixtures';

/** Instance i is the argument i; every answer equal to its argument scores 1. */
const COUNTING_JUDGE =
  'def generate(seed, count):\n    return [([i], i) for i in range(count)]\ndef score(args, hidden, output):\n    return 1.0 if output == hidden else 0.0\n';

const evaluate = (solutionCode: string, extra: Partial<EvaluateSolutionOptions> = {}) =>
  evaluateSolution({
    judgeCode: PARITY_JUDGE,
    solutionCode,
    entryPoint: 'algorithm',
    seed: 3,
    count: 4,
    // Far above what an answer takes on a loaded machine: only tests about time-outs set a lower one.
    timeoutMsPerInstance: 60_000,
    failureValue: 0,
    ...extra,
  });

describe('evaluateSolution', () => {
  test('scores a good and a trivial solution', async () => {
    const good = await evaluate(PARITY_GOOD);
    expect(good).toMatchObject({ utility: 1, scores: [1, 1, 1, 1], failures: [] });
    const trivial = await evaluate(PARITY_SEED);
    expect(trivial.utility).toBeGreaterThan(0);
    expect(trivial.utility).toBeLessThan(1);
  });

  test('a solution that draws unseeded random numbers scores the same every time (global generators are seeded per instance)', async () => {
    const echoJudge = 'def generate(seed, count):\n    return [([i], i) for i in range(count)]\ndef score(args, hidden, output):\n    return min(1.0, max(0.0, float(output)))\n';
    const guessing = 'import random\n\ndef algorithm(*args):\n    return random.random()\n';
    const options = { judgeCode: echoJudge, solutionCode: guessing, entryPoint: 'algorithm', seed: 5, count: 10, timeoutMsPerInstance: 60_000, failureValue: 0 };
    const first = await evaluateSolution(options);
    const second = await evaluateSolution(options);
    expect(second.scores).toEqual(first.scores);
    // Still random across instances, and another instance set draws other numbers.
    expect(new Set(first.scores).size).toBe(10);
    const other = await evaluateSolution({ ...options, seed: 6 });
    expect(other.scores).not.toEqual(first.scores);
  });

  test('a solution that fails to load scores the failure value on every instance', async () => {
    const broken = await evaluate('def algorithm(:\n    pass\n', { failureValue: 0.1 });
    expect(broken.utility).toBeCloseTo(0.1);
    expect(broken.failures.map((failure) => failure.code)).toEqual(Array(4).fill(SandboxErrorCode.SyntaxError));
    const missing = await evaluate('def other():\n    pass\n');
    expect(missing.failures[0]?.code).toBe(SandboxErrorCode.MissingFunction);
  });

  test('raising and unserialisable answers score the failure value; the rest still count', async () => {
    const result = await evaluate(`
calls = 0
def algorithm(train, labels, test):
    global calls
    calls += 1
    if calls == 1:
        raise ValueError("bad input")
    if calls == 2:
        return object()
    if calls == 3:
        return [float("nan")] * len(test)
    return [0] * len(test)
`);
    expect(result.failures.map((failure) => [failure.index, failure.code])).toEqual([
      [0, SandboxErrorCode.Exception],
      [1, SandboxErrorCode.Exception],
      [2, SandboxErrorCode.Exception],
    ]);
    expect(result.failures[0]!.message).toMatch(/ValueError: bad input/);
    expect(result.failures[1]!.message).toMatch(/cannot be scored/);
    expect(result.scores.slice(0, 3)).toEqual([0, 0, 0]);
    expect(result.scores[3]).toBeGreaterThan(0);
  });

  test('a timed-out instance scores the failure value and the solution restarts for the rest', async () => {
    const started = Date.now();
    const result = await evaluate(
      'import time\ndef algorithm(i):\n    if i == 1:\n        time.sleep(3600)\n    return i\n',
      // Long enough that the quick instances cannot run out of time on a loaded machine.
      { judgeCode: COUNTING_JUDGE, timeoutMsPerInstance: 20_000 },
    );
    expect(result.failures).toEqual([{ index: 1, code: SandboxErrorCode.Timeout, message: expect.stringMatching(/20 s/) }]);
    expect(result.scores).toEqual([1, 0, 1, 1]);
    // The sleeping instance was stopped, not waited out (an hour; the margin holds on any machine).
    expect(Date.now() - started).toBeLessThan(600_000);
  });

  test('after three timeouts in a row the remaining instances are not run', async () => {
    const started = Date.now();
    const result = await evaluate('import time\ndef algorithm(i):\n    time.sleep(3600)\n', {
      judgeCode: COUNTING_JUDGE,
      timeoutMsPerInstance: 5_000,
    });
    expect(result.scores).toEqual([0, 0, 0, 0]);
    expect(result.failures.map((failure) => failure.code)).toEqual(Array(4).fill(SandboxErrorCode.Timeout));
    expect(result.failures[3]!.message).toMatch(/not run: .* 3 instances in a row/);
    // Four sleeps of an hour were not waited out.
    expect(Date.now() - started).toBeLessThan(600_000);
  });

  test("the solution cannot read the judge's hidden labels (gc, stack frames, /proc)", async () => {
    const snoop = `
import gc, os, sys
def find_labels():
    for obj in gc.get_objects():
        if isinstance(obj, dict) and obj.get("marker") == "HIDDEN-LABELS-7d1f":
            return obj["labels"]
    frame = sys._getframe()
    while frame is not None:
        for scope in (frame.f_locals, frame.f_globals):
            for value in list(scope.values()):
                if isinstance(value, list) and value and isinstance(value[0], dict) and "labels" in value[0]:
                    return value[0]["labels"]
        frame = frame.f_back
    for pid in os.listdir("/proc"):
        try:
            if b"HIDDEN-LABELS" in open("/proc/%s/cmdline" % pid, "rb").read():
                return "found"
        except Exception:
            pass
    return None

def algorithm(train, labels, test):
    found = find_labels()
    if found is not None:
        raise RuntimeError("found hidden data: %r" % (found,))
    return [0] * len(test)
`;
    const snooping = await evaluate(snoop);
    const trivial = await evaluate(PARITY_SEED);
    expect(snooping.failures).toEqual([]);
    expect(snooping.utility).toBe(trivial.utility);
  });

  test('an answer of the wrong shape cannot push the score past 1', async () => {
    const result = await evaluate('def algorithm(train, labels, test):\n    return [0] * (10 * len(test))\n');
    expect(result.utility).toBe(0);
  });

  test('a failing judge is a JudgeError, not a solution failure', async () => {
    await expect(
      evaluateSolution({ judgeCode: 'def generate(seed, count):\n    raise RuntimeError("judge bug")\ndef score(a, h, o):\n    return 0\n', solutionCode: PARITY_SEED, entryPoint: 'algorithm', seed: 1, count: 2, timeoutMsPerInstance: 500, failureValue: 0 }),
    ).rejects.toThrow(JudgeError);
  });

  test('the leftover check sees a sandbox while it runs (so its empty answer means something)', async () => {
    const stop = new AbortController();
    const running = evaluate('import time\ndef algorithm(i):\n    time.sleep(3600)\n', {
      judgeCode: COUNTING_JUDGE,
      timeoutMsPerInstance: 3_600_000,
      count: 1,
      signal: stop.signal,
    }).catch(() => undefined);
    // Waits until the sleeping solution is seen (however slowly the machine starts it), then stops it.
    await expect
      .poll(async () => {
        const during = await leftovers();
        return during.processes.length > 0 && during.scratchDirs.length > 0;
      }, { timeout: 600_000, interval: 200 })
      .toBe(true);
    stop.abort();
    await running;
  });

  test('500 consecutive evaluations leave no process and no scratch directory', async () => {
    const noop = 'def algorithm(i):\n    return i\n';
    const started = Date.now();
    for (let index = 0; index < 500; index++) {
      const result = await evaluateSolution({ judgeCode: COUNTING_JUDGE, solutionCode: noop, entryPoint: 'algorithm', seed: index, count: 1, timeoutMsPerInstance: 60_000, failureValue: 0 });
      expect(result.utility).toBe(1);
    }
    const elapsed = Date.now() - started;
    console.log(`500 sandboxed evaluations: ${elapsed} ms (${(elapsed / 500).toFixed(1)} ms each)`);
    expect(await leftovers()).toEqual({ processes: [], scratchDirs: [] });
  });
});

describe('instance sets held by the fork server', () => {
  // Arrays where numpy imports: the zygote converts them before the fork, as the child would.
  const arrayJudge =
    'def generate(seed, count):\n    return [([[i, i + 1]], i) for i in range(count)]\ndef score(args, hidden, output):\n    return 1.0 if output == hidden else 0.0\n';
  const arrays = { argumentTypes: ['int-array'] as const, judgeCode: arrayJudge, count: 6 };
  const echo = 'def algorithm(value):\n    return int(value[0])\n';

  test('a forked solution answers from the instances it inherited, as a spawned one does from its calls', async () => {
    const forked = await evaluate(echo, { ...arrays, launcher: 'fork-server' });
    const spawned = await evaluate(echo, { ...arrays, launcher: 'spawn-per-program' });
    expect(forked).toMatchObject({ utility: 1, scores: Array(6).fill(1), failures: [] });
    expect(spawned.scores).toEqual(forked.scores);
  });

  test("a solution that changes its arguments changes nothing the next solution gets", async () => {
    const vandal = 'def algorithm(value):\n    answer = int(value[0])\n    value[0] = 999\n    return answer\n';
    const first = await evaluate(vandal, { ...arrays, launcher: 'fork-server' });
    const after = await evaluate(echo, { ...arrays, launcher: 'fork-server' });
    expect(first.scores).toEqual(Array(6).fill(1));
    expect(after.scores).toEqual(Array(6).fill(1));
  });

  test('a solution restarted after a time-out gets its remaining instances from the same set', async () => {
    const slowOnTwo = 'import time\ndef algorithm(value):\n    if int(value[0]) == 2:\n        time.sleep(3600)\n    return int(value[0])\n';
    // Long enough that the quick instances cannot run out of time on a loaded machine.
    const result = await evaluate(slowOnTwo, { ...arrays, launcher: 'fork-server', timeoutMsPerInstance: 20_000 });
    expect(result.scores).toEqual([1, 1, 0, 1, 1, 1]);
    expect(result.failures.map((failure) => failure.code)).toEqual([SandboxErrorCode.Timeout]);
  });
});

describe("a timed-out program's own time", () => {
  test('counts the CPU the killed process used, from its exit status, within the instance limit', async () => {
    // Spins (CPU, not sleep) on instance 1 until it is killed: its call never reports its own time.
    const spinning = 'def algorithm(i):\n    while i == 1:\n        pass\n    return i\n';
    const result = await evaluate(spinning, { judgeCode: COUNTING_JUDGE, timeoutMsPerInstance: 20_000, launcher: 'fork-server' });
    expect(result.failures.map((failure) => failure.code)).toEqual([SandboxErrorCode.Timeout]);
    // The process ran for 20 s of wall time on that call; on a loaded machine it got less CPU, never none.
    expect(result.programCpuMs).toBeGreaterThan(100);
    expect(result.programCpuMs).toBeLessThanOrEqual(20_000 + 100);
  });
});
