import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listImprovers } from '@/db/queries/improvers';
import { findRun, listEvents } from '@/db/queries/runs';
import { findStep, listSteps } from '@/db/queries/steps';
import type { RunConfigInput } from '@/lib/runs/config';
import { launchRun } from '@/lib/runs/service';
import { openTestDatabase } from '@/testing/databases';
import { selfImprovementStepKey } from './step-keys';
import { readProgram } from '@/lib/improvers/programs';

const RAISES = `def improve_algorithm(initial_solution, utility, language_model):
    raise RuntimeError("this improver always raises")
`;

/** Returns what it was told about its utility, so the run's record keeps the description. */
const ECHOES_DESCRIPTION = `def improve_algorithm(initial_solution, utility, language_model):
    return utility.str
`;

describe('the meta-utility as the reference computes it', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function completed(config: RunConfigInput) {
    const { runId, finished } = await launchRun(config, handle.db);
    await finished;
    const run = await findRun(runId, handle.db);
    expect(run?.status, JSON.stringify(run?.error)).toBe('completed');
    return { runId, result: run!.result as Record<string, unknown> };
  }

  it('is 0 when a copy raises (the default rule), and the failure value averaged in under the "average" rule', async () => {
    // 3-SAT's failure value is 0.01, so the two rules give different numbers.
    const base = { kind: 'meta-utility', improver: RAISES, taskId: '3sat', copies: 2 } as const;
    const byDefault = await completed(base);
    expect(byDefault.result.meta_utility).toBe(0);
    const averaged = await completed({ ...base, copyFailure: 'average' });
    expect(averaged.result.meta_utility).toBeCloseTo(0.01, 10);
  });

  it('tells the self-improving improver the call count and the budgets of its own run', async () => {
    const budgets = { lmCalls: 3, maxResponsesPerCall: 5, utilityCalls: 7, metaUtilityCalls: 9 };
    const { runId } = await completed({
      kind: 'stop',
      seedImprover: ECHOES_DESCRIPTION,
      taskId: 'lpn',
      iterations: 1,
      repeats: 1,
      copies: 2,
      budgets,
    });
    const step = await findStep(runId, selfImprovementStepKey(0, 1), handle.db);
    const description = (step?.result as { solution: string | null }).solution ?? '';
    expect(description).toContain('may be called 9 times');
    expect(description).toContain('at most 3 calls');
    expect(description).toContain('at most 5 responses per call');
    expect(description).toContain('may be called 7 times');
    expect(description).toContain('on 2 downstream tasks');
  });

  it('keeps the search measurement and plots the fresh one: both per iteration in the record', async () => {
    const seed = readProgram('seed');
    const { runId, result } = await completed({ kind: 'stop', seedImprover: seed, taskId: 'lpn', iterations: 1, repeats: 1, copies: 2 });
    const iterations = result.iterations as { test_meta_utility_mean: number; search_test_meta_utility_mean: number; selection_bias: number }[];
    expect(iterations).toHaveLength(2);
    for (const row of iterations) {
      expect(typeof row.search_test_meta_utility_mean).toBe('number');
      expect(row.selection_bias).toBeCloseTo(row.search_test_meta_utility_mean - row.test_meta_utility_mean, 12);
    }
    // The improvers table holds the fresh measurement; the events hold both.
    const improvers = await listImprovers(runId, handle.db);
    const events = await listEvents(runId, {}, handle.db);
    for (const improver of improvers) {
      const measured = events.filter(
        (event) => event.type === 'meta_utility.measured' && (event.payload as { repeat: number; iteration: number }).iteration === improver.iteration,
      );
      const sets = measured.map((event) => (event.payload as { set: string }).set).sort();
      expect(sets).toEqual(['search-test', 'test', 'train']);
      const fresh = measured.find((event) => (event.payload as { set: string }).set === 'test')!.payload as { mean: number };
      expect(improver.testMetaUtility).toBe(fresh.mean);
    }
    // The fresh copies are their own steps, tagged with the iteration.
    const keys = (await listSteps(runId, '', handle.db)).map((step) => step.stepKey);
    expect(keys.some((key) => key.endsWith('/fresh-t0'))).toBe(true);
    expect(keys.some((key) => key.endsWith('/fresh-t1'))).toBe(true);
  });
});
