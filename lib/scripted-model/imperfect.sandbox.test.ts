import { afterAll, describe, expect, it } from 'vitest';
import { evaluateSolution, runImprover } from '@/lib/sandbox';
import { asImproverModel } from '@/lib/stop/invoke';
import { evaluationOptions } from '@/lib/stop/utility';
import { getBuiltinTask } from '@/lib/tasks/registry';
import { createGateway } from '@/lib/lm/gateway';
import { IMPERFECT_KINDS } from './profiles';
import { startScriptedServer, type ScriptedServer } from './server';
import { readProgram } from '@/lib/improvers/programs';
import { scriptedBackend } from './backend';

const lpn = getBuiltinTask('lpn')!;
/** The paper's seed improver (its Figure 2; the sandbox study's copy, which scores with use_sandbox=True). */
const PAPER_SEED_IMPROVER = readProgram('sandbox-study-seed');

/** u(x) by the real LPN judge on its training instances. */
async function lpnUtility(solution: string): Promise<number> {
  return (await evaluateSolution(evaluationOptions(lpn, 'train', solution))).utility;
}

function invoke(imperfect: Partial<Record<(typeof IMPERFECT_KINDS)[number], number>>, seed: number) {
  const gateway = createGateway({ choice: { provider: 'scripted', model: 'scripted-strong' }, runId: 'none', seed, recorder: null, scripted: (options) => scriptedBackend({ ...options, imperfect }) });
  return runImprover({
    code: PAPER_SEED_IMPROVER,
    initialSolution: lpn.seedSolution,
    utility: { description: lpn.description, budget: 25, evaluate: lpnUtility },
    languageModel: asImproverModel(gateway.session({ stepKey: `imperfect-${seed}`, budget: 4, maxResponsesPerCall: 6 })),
    timeoutMs: 600_000,
  });
}

describe('imperfect answers in the real sandbox, scored by the real LPN judge', () => {
  const servers: ScriptedServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it.each(IMPERFECT_KINDS)("the paper's seed improver survives answers that are all '%s'", async (kind) => {
    const outcome = await invoke({ [kind]: 1 }, 3);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    // Nothing usable (no block, cut off, refused) or broken programs that score the failure value:
    // the seed improver keeps the original, or the best of what it could score.
    const score = await lpnUtility(outcome.solution);
    if (kind === 'reasoning') expect(score).toBeGreaterThan(0.5);
    else expect(score).toBeLessThanOrEqual(0.6);
  });

  it("the paper's seed improver completes against a model that answers 30 % of the time without a fence", async () => {
    for (const seed of [1, 2]) {
      const outcome = await invoke({ prose: 0.3 }, seed);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    }
  });

  it('a prompt past the context window raises ContextLengthExceeded in the improver, which can catch it and go on', async () => {
    const server = await startScriptedServer({ port: 0, seed: 1, quirks: { contextWindow: 400 } });
    servers.push(server);
    const gateway = createGateway({ choice: { provider: 'openai', model: 'scripted-strong', baseUrl: server.url }, runId: 'none', recorder: null, maxRetries: 2 });
    const improver = `from helpers import extract_code
from language_model import ContextLengthExceeded


def improve_algorithm(initial_solution, utility, language_model):
    try:
        language_model.prompt("expert", "Learning parity with noise. " + "context " * 2000, n_responses=1)
    except ContextLengthExceeded as error:
        note = "too long: " + str(error)[:60]
    answers = language_model.prompt("expert", "Improve improve_algorithm briefly.", n_responses=1)
    return "# " + note + "\\n" + initial_solution
`;
    const outcome = await runImprover({
      code: improver,
      initialSolution: lpn.seedSolution,
      utility: { description: lpn.description, budget: 25, evaluate: async () => 0.5 },
      languageModel: asImproverModel(gateway.session({ stepKey: 'context', budget: 4, maxResponsesPerCall: 6 })),
      timeoutMs: 600_000,
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (outcome.ok) expect(outcome.solution).toMatch(/^# too long: the prompt is too long for the language model/);
    expect(outcome.lmCalls).toBe(2);
  });
});
