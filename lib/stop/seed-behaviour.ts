import 'server-only';
import { createHash } from 'node:crypto';
import { ModelRefusal, runImprover, type ImproverModel } from '@/lib/sandbox';
import type { Budgets } from '@/lib/runs/config';
import type { SeedBehaviour, InvocationShape } from './run-plan';

/** A dry run is a courtesy of the estimate: it may not hold the preflight up for long. */
const DRY_RUN_TIMEOUT_MS = 10_000;
const DRY_RUN_CPU_SECONDS = 5;

/** A program the stub model "writes": valid as a solution and as an improver, distinct per response. */
const stubProgram = (serial: number) =>
  `\`\`\`python\ndef improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution  # variant ${serial}\n\`\`\``;

/** A stable score in [0.4, 0.6) per program, so an improver that compares scores sees them differ. */
function stubScore(program: string): number {
  return 0.4 + (createHash('sha256').update(program).digest().readUInt32BE(0) / 2 ** 32) * 0.2;
}

/**
 * One invocation of the improver with a stub model and a stub utility (nothing is evaluated and no model
 * is asked): how many model calls it makes and how many programs the engine would evaluate for it.
 * Programs in responses count as evaluated, as the engine scores them speculatively.
 */
async function dryInvocation(code: string, initialSolution: string, lmBudget: number, maxResponsesPerCall: number, utilityBudget: number, apiMode: 'reference' | 'lenient'): Promise<InvocationShape | null> {
  let serial = 0;
  let callsUsed = 0;
  const programs = new Set<string>();
  const languageModel: ImproverModel = {
    budget: lmBudget,
    maxResponsesPerCall,
    get callsUsed() {
      return callsUsed;
    },
    async prompt(request) {
      if (callsUsed >= lmBudget) throw new ModelRefusal(`the language model budget of ${lmBudget} calls is spent`, 'budget');
      callsUsed += 1;
      return request.messages.flatMap(() => Array.from({ length: Math.max(1, request.n) }, () => stubProgram((serial += 1))));
    },
  };
  const outcome = await runImprover({
    code,
    initialSolution,
    utility: {
      description: 'utility(solution) -> float in [0, 1]',
      budget: utilityBudget,
      evaluate: async (solution) => {
        programs.add(solution);
        return stubScore(solution);
      },
    },
    languageModel,
    timeoutMs: DRY_RUN_TIMEOUT_MS,
    cpuSeconds: DRY_RUN_CPU_SECONDS,
    apiMode,
  });
  if (!outcome.ok) return null;
  return { lmCalls: outcome.lmCalls, programs: Math.max(serial, programs.size), utilityCalls: Math.min(outcome.utilityCalls, utilityBudget) };
}

/**
 * How the seed improver behaves under the run's budgets, observed by running it once on the task and once
 * on itself with stubs; null when it does not run to the end (a broken seed: the plan assumes full budgets).
 */
export async function observeSeedBehaviour(
  code: string,
  taskSolution: string,
  budgets: Budgets,
  apiMode: 'reference' | 'lenient' = 'lenient',
): Promise<SeedBehaviour | null> {
  try {
    const [downstream, meta] = await Promise.all([
      dryInvocation(code, taskSolution, budgets.lmCalls, budgets.maxResponsesPerCall, budgets.utilityCalls, apiMode),
      dryInvocation(code, code, budgets.lmCalls, budgets.maxResponsesPerCall, budgets.metaUtilityCalls, apiMode),
    ]);
    return downstream && meta ? { downstream, meta } : null;
  } catch {
    return null;
  }
}
