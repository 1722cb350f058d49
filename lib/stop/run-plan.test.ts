import { describe, expect, it } from 'vitest';
import { planStopRun, writtenImprover, WRITTEN_IMPROVER_BUDGET_USE, type SeedBehaviour } from './run-plan';

const budgets = { lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 };
/** The paper's seed: one batch of min(6, budget) messages, each candidate scored once. */
const paperSeed: SeedBehaviour = {
  downstream: { lmCalls: 1, programs: 6, utilityCalls: 6 },
  meta: { lmCalls: 1, programs: 6, utilityCalls: 6 },
};

describe('planStopRun', () => {
  it('with no iterations measures only the seed: 2k copies and their solutions on test', () => {
    const plan = planStopRun({ iterations: 0, repeats: 3, copies: 5, budgets, adoption: 'any-nonzero' }, paperSeed);
    expect(plan.sandboxEvaluations).toBe(3 * (10 * 6 + 10));
    expect(plan.lmCalls).toBe(3 * 10);
    expect(plan.downstreamInvocations).toBe(30);
    expect(plan.lmConcurrency).toBe(15);
  });

  it('counts the seed improving itself once, then improvers the model wrote', () => {
    const use = WRITTEN_IMPROVER_BUDGET_USE;
    const plan = planStopRun({ iterations: 2, repeats: 1, copies: 5, budgets, adoption: 'any-nonzero' }, paperSeed);
    const writtenPrograms = 24 * use;
    const iteration1 = (6 * 5 + 5) * writtenPrograms + 10;
    const iteration2 = (24 * use * 5 + 5) * writtenPrograms + 10;
    expect(plan.sandboxEvaluations).toBe(Math.round(70 + iteration1 + iteration2));
    expect(plan.metaLmCalls).toBe(Math.round(1 + 4 * use));
  });

  it('measures no candidates when selection is random, only the adopted improver', () => {
    const random = planStopRun({ iterations: 1, repeats: 1, copies: 2, budgets, adoption: 'random' }, paperSeed);
    const selecting = planStopRun({ iterations: 1, repeats: 1, copies: 2, budgets, adoption: 'any-nonzero' }, paperSeed);
    expect(random.downstreamInvocations).toBe(4 + 2 + 2);
    expect(selecting.downstreamInvocations).toBe(4 + 6 * 2 + 2);
  });

  it('assumes a seed it could not observe behaves like a written improver', () => {
    const shape = { iterations: 2, repeats: 2, copies: 3, budgets, adoption: 'no-worse' as const };
    expect(planStopRun(shape, null)).toEqual(planStopRun(shape, writtenImprover(budgets)));
  });

  it('grows with every budget and with each dimension of the run', () => {
    const base = { iterations: 2, repeats: 2, copies: 2, budgets, adoption: 'any-nonzero' as const };
    const work = (shape: typeof base) => planStopRun(shape, paperSeed).sandboxEvaluations;
    expect(work({ ...base, iterations: 3 })).toBeGreaterThan(work(base));
    expect(work({ ...base, repeats: 3 })).toBeGreaterThan(work(base));
    expect(work({ ...base, copies: 3 })).toBeGreaterThan(work(base));
    expect(work({ ...base, budgets: { ...budgets, lmCalls: 5 } })).toBeGreaterThan(work(base));
  });
});
