import { describe, expect, it } from 'vitest';
import { readProgram } from '@/lib/improvers/programs';
import { lpnTask } from '@/lib/tasks/lpn';
import { observeSeedBehaviour } from './seed-behaviour';

const budgets = { lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25 };

describe('observeSeedBehaviour (a dry run in the sandbox)', () => {
  it("sees the paper's seed make one batch call of six messages and score each answer", async () => {
    const seen = await observeSeedBehaviour(readProgram('paper-seed'), lpnTask.seedSolution, budgets, 'reference');
    expect(seen).toEqual({
      downstream: { lmCalls: 1, programs: 6, utilityCalls: 6 },
      meta: { lmCalls: 1, programs: 6, utilityCalls: 6 },
    });
  });

  it("sees the project's seed ask once for the most responses a call may have", async () => {
    const seen = await observeSeedBehaviour(readProgram('seed'), lpnTask.seedSolution, { ...budgets, lmCalls: 2, maxResponsesPerCall: 4, utilityCalls: 8 });
    expect(seen?.downstream).toEqual({ lmCalls: 1, programs: 4, utilityCalls: 4 });
  });

  it('gives nothing for a seed that does not run, so the plan assumes full budgets', async () => {
    expect(await observeSeedBehaviour('def improve_algorithm(:\n', lpnTask.seedSolution, budgets)).toBeNull();
    expect(await observeSeedBehaviour('def improve_algorithm(a, b, c):\n    return 42\n', lpnTask.seedSolution, budgets)).toBeNull();
  });
});
