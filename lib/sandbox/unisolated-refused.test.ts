import { expect, test, vi } from 'vitest';
import { detectIsolation, evaluateSolution, runImprover } from '@/lib/sandbox';
import { constantUtility, fakeSession, PARITY_JUDGE, PARITY_SEED } from './testing/fixtures';

vi.hoisted(() => {
  vi.stubEnv('STOP_SANDBOX', 'limits-only');
  vi.stubEnv('STOP_ALLOW_UNISOLATED', undefined);
});

test('at limits-only, generated code is refused with a clear error unless the operator opts in', async () => {
  expect((await detectIsolation()).level).toBe('limits-only');
  const refused = /refusing to run generated code.*STOP_ALLOW_UNISOLATED=1/s;
  await expect(
    evaluateSolution({ judgeCode: PARITY_JUDGE, solutionCode: PARITY_SEED, entryPoint: 'algorithm', seed: 1, count: 1, timeoutMsPerInstance: 600_000, failureValue: 0, pool: null }),
  ).rejects.toThrow(refused);
  const improver = await runImprover({ code: 'def improve_algorithm(s, u, m):\n    return s\n', initialSolution: PARITY_SEED, utility: constantUtility(1), languageModel: fakeSession(1, 1), timeoutMs: 600_000 });
  expect(improver.ok || improver.error).toMatchObject({ code: 'sandbox_failure', message: expect.stringMatching(refused) });
});
