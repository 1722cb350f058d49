import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectIsolation, evaluateSolution, runImprover, SandboxErrorCode, type IsolationLevel } from '@/lib/sandbox';
import { constantUtility, fakeSession, PARITY_JUDGE } from './fixtures';

const improver = (body: string) =>
  runImprover({
    code: `import os, sys\n\ndef improve_algorithm(initial_solution, utility, language_model):\n${body
      .trim()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`,
    initialSolution: 'def algorithm():\n    return 0\n',
    utility: constantUtility(1),
    languageModel: fakeSession(1, 1, () => 'answer'),
    // Generous: a memory bomb must end by its memory limit, never by this clock.
    timeoutMs: 600_000,
  });

const solution = (code: string) =>
  evaluateSolution({
    judgeCode: PARITY_JUDGE,
    solutionCode: code,
    entryPoint: 'algorithm',
    seed: 1,
    count: 1,
    timeoutMsPerInstance: 600_000,
    failureValue: 0,
    pool: null,
  });

/** What every isolation level must do: the same programs, run at `level` (set by the calling test file). */
export function describeLevel(level: IsolationLevel): void {
  describe(`at the ${level} level`, () => {
    test('the host runs at the expected level', async () => {
      expect((await detectIsolation()).level).toBe(level);
    });

    describe('a memory bomb is memory_limit, not timeout', () => {
      test('one 10 GiB allocation (improver)', async () => {
        const outcome = await improver('block = bytearray(10 * 1024 ** 3)\nreturn "allocated"');
        expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.MemoryLimit });
      });

      test('growing a list of 64 MiB blocks until something gives (improver)', async () => {
        const outcome = await improver('blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 1024 ** 2))');
        expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.MemoryLimit });
      });

      test('many small objects (solution)', async () => {
        const result = await solution('def algorithm(*args):\n    items = []\n    while True:\n        items.append([0] * 100000)\n');
        expect(result.failures.map((failure) => failure.code)).toEqual([SandboxErrorCode.MemoryLimit]);
      });

      test('a huge numpy array (solution)', async () => {
        const result = await solution('import numpy\n\ndef algorithm(*args):\n    return numpy.ones(10 ** 10).tolist()\n');
        expect(result.failures.map((failure) => failure.code)).toEqual([SandboxErrorCode.MemoryLimit]);
      });
    });
  });
}

/** At the namespaced levels, 1 GiB written to each of /tmp, /var/tmp and /dev/shm leaves nothing on the host. */
export function describePrivateTmp(level: IsolationLevel): void {
  test(`at the ${level} level, writing 1 GiB to /tmp, /var/tmp and /dev/shm leaves nothing on the host`, async () => {
    const marker = `stop-bomb-${process.pid}-${Date.now()}`;
    const roots = ['/tmp', '/var/tmp', '/dev/shm'];
    const outcome = await improver(`
chunk = b"x" * (1024 * 1024)
errors = []
for root in ${JSON.stringify(roots)}:
    target = os.path.join(root, ${JSON.stringify(marker)})
    try:
        with open(target, "wb") as handle:
            for _ in range(1024):
                handle.write(chunk)
        errors.append(None)
    except OSError as error:
        errors.append(error)
failed = [error for error in errors if error is not None]
if failed:
    raise failed[0]
return "wrote 3 GiB"
`);
    // unshare: the private tmpfs fills (or the file-size limit bites); bubblewrap has no /tmp or /var/tmp at all.
    const allowed = level === 'unshare' ? [SandboxErrorCode.DiskLimit] : [SandboxErrorCode.DiskLimit, SandboxErrorCode.Exception];
    expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
    if (!outcome.ok) expect(allowed).toContain(outcome.error.code);
    for (const root of roots) {
      expect(existsSync(`${root}/${marker}`), `${root}/${marker}`).toBe(false);
      expect(readdirSync(root).filter((name) => name.includes(marker))).toEqual([]);
    }
  });
}
