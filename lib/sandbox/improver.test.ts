import { describe, expect, test } from 'vitest';
import { readProgram } from '@/lib/improvers/programs';
import { runImprover, SandboxErrorCode } from '@/lib/sandbox';
import { constantUtility, fakeSession, fence, parityUtility, PARITY_GOOD, PARITY_SEED } from './testing/fixtures';

const seed = (name: string): string => readProgram(`seeds/${name}`);

describe('seed improvers', () => {
  test.each(['seed_improver.py', 'seed_improver_legacy.py'])('%s calls both proxies and returns the best candidate', async (file) => {
    const languageModel = fakeSession(4, 3, (_request, index) =>
      fence(index === 1 ? PARITY_GOOD : PARITY_SEED, `Idea ${index}.`),
    );
    const utility = parityUtility(5);
    const outcome = await runImprover({ code: seed(file), initialSolution: PARITY_SEED, utility, languageModel });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.solution.trim()).toBe(PARITY_GOOD.trim());
    expect(outcome.lmCalls).toBe(1);
    expect(outcome.utilityCalls).toBe(3);
    expect(languageModel.requests[0]!.n).toBe(3);
    expect(languageModel.requests[0]!.expertise).toMatch(/researcher/);
    expect(languageModel.requests[0]!.messages[0]).toContain(utility.description);
    expect(outcome.circumventions).toEqual([]);
  });

  test('the seed respects a utility budget smaller than the number of candidates', async () => {
    const utility = constantUtility(2);
    const outcome = await runImprover({
      code: seed('seed_improver.py'),
      initialSolution: PARITY_SEED,
      utility,
      languageModel: fakeSession(4, 6),
    });
    expect(outcome.ok).toBe(true);
    expect(utility.calls).toHaveLength(2);
  });
});

const run = (code: string, lmBudget = 3, utilityBudget = 3, maxResponses = 4) =>
  runImprover({
    code,
    initialSolution: 'def algorithm():\n    return 1\n',
    utility: constantUtility(utilityBudget),
    languageModel: fakeSession(lmBudget, maxResponses, (request, index) =>
      request.messages.length > 1 ? `${request.messages[index]}#0` : `${request.messages[0]}#${index}`,
    ),
    timeoutMs: 600_000,
  });

describe('improver API', () => {
  test('syntax errors, missing functions and exceptions are reported in the program\'s own terms', async () => {
    const syntax = await run('def improve_algorithm(s, utility, language_model)\n    return s\n');
    expect(syntax.ok || syntax.error).toMatchObject({ code: SandboxErrorCode.SyntaxError, message: expect.stringMatching(/line 1/) });
    const missing = await run('def improve(s):\n    return s\n');
    expect(missing.ok || missing.error).toMatchObject({ code: SandboxErrorCode.MissingFunction });
    const raised = await run('def helper(x):\n    return 1 / x\n\ndef improve_algorithm(s, utility, language_model):\n    return helper(0)\n');
    expect(raised.ok).toBe(false);
    if (raised.ok) return;
    expect(raised.error.code).toBe(SandboxErrorCode.Exception);
    expect(raised.error.message).toMatch(/^ZeroDivisionError: division by zero/);
    expect(raised.error.message).toContain('improver.py line 2, in helper');
    expect(raised.error.message).not.toMatch(/harness|_stop_rpc/);
  });

  test('prompt, batch_prompt, n capped, budgets and properties', async () => {
    const outcome = await run(`
def improve_algorithm(s, utility, language_model):
    a = language_model.prompt("expert", "hello", n_responses=10, temperature=0.2)
    b = language_model.batch_prompt("expert", ["m1", "m2"])
    facts = [len(a), b, language_model.budget, language_model.max_responses_per_call, utility.budget, utility.uses, utility.str]
    utility(s)
    facts.append(utility.uses)
    return repr(facts)
`);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.solution).toBe("[4, ['m1#0', 'm2#0'], 3, 4, 3, 0, 'A constant utility.', 1]");
    expect(outcome.lmCalls).toBe(2);
    expect(outcome.circumventions).toEqual([{ kind: 'n_capped', detail: expect.any(String), line: 3 }]);
  });

  test('utility calls past the budget return 0 and are recorded; LM calls past theirs raise', async () => {
    const utility = constantUtility(3);
    const overspent = await runImprover({
      code: `
def improve_algorithm(s, utility, language_model):
    return repr([utility(s) for _ in range(utility.budget + 5)] + [utility.uses])
`,
      initialSolution: 'x = 1',
      utility,
      languageModel: fakeSession(3, 2),
    });
    expect(overspent.ok, JSON.stringify(overspent)).toBe(true);
    expect(overspent.ok && overspent.solution).toBe('[0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 3]');
    expect(utility.calls).toHaveLength(3);
    expect(overspent.utilityCalls).toBe(3);
    expect(overspent.utilityOverBudget).toBe(5);
    expect(overspent.circumventions.map((event) => event.kind)).toEqual(Array(5).fill('utility_over_budget'));
    expect(overspent.circumventions[0]).toEqual({ kind: 'utility_over_budget', detail: expect.stringMatching(/call 4 is past the budget of 3/), line: 3 });
    const uncaught = await run('def improve_algorithm(s, utility, language_model):\n    while True:\n        language_model.prompt("e", "m")\n');
    expect(uncaught.ok || uncaught.error).toMatchObject({ code: SandboxErrorCode.BudgetExceeded, message: expect.stringMatching(/budget exhausted/) });
    expect(uncaught.lmCalls).toBe(3);
  });

  test('utility(None), utility("") and utility(prose) score the failure value without raising', async () => {
    const utility = { ...parityUtility(5), failureValue: 0 };
    const outcome = await runImprover({
      code: `
from helpers import extract_code
def improve_algorithm(s, utility, language_model):
    nothing = extract_code("I would simply keep the solution as it is.")
    values = [utility(nothing), utility(""), utility("This is prose, not a program."), utility(s)]
    best = max([nothing, "", s], key=utility)
    return repr(values + [utility.uses, best == s])
`,
      initialSolution: PARITY_SEED,
      utility,
      languageModel: fakeSession(1, 1),
    });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(outcome.ok && outcome.solution).toMatch(/^\[0, 0, 0(\.0)?, 0\.\d+, 3, True\]$/);
    // None and "" never reach a sandbox or the budget; prose is evaluated (it does not load) and counts.
    expect(outcome.utilityCalls).toBe(3);
    expect(outcome.circumventions.map((event) => event.kind)).toEqual([
      'utility_not_a_program',
      'utility_not_a_program',
      'utility_not_a_program',
      'utility_not_a_program',
    ]);
  });

  test('use_sandbox=False changes nothing and is recorded', async () => {
    const outcome = await run('def improve_algorithm(s, utility, language_model):\n    return str(utility(s, use_sandbox=False))\n');
    expect(outcome.ok && outcome.solution).toBe('0.5');
    expect(outcome.circumventions).toEqual([{ kind: 'use_sandbox_false', detail: expect.any(String), line: 2 }]);
  });

  test('extract_code follows §3', async () => {
    const outcome = await run(`
from helpers import extract_code
def improve_algorithm(s, utility, language_model):
    nested = "idea\\n\`\`\`python\\nx = '''\\n\`\`\`text\\ninner\\n\`\`\`\\n'''\\n\`\`\`\\n"
    two = "\`\`\`python\\na = 1\\n\`\`\`\\nand\\n\`\`\`python\\nb = 22222\\n\`\`\`"
    return repr([extract_code(nested), extract_code(two), extract_code("no code"), extract_code("\`\`\`\\nbare\\n\`\`\`"), extract_code(["\`\`\`py\\nq\\n\`\`\`", "none"])])
`);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(outcome.ok && outcome.solution).toBe(`["x = '''\\n\`\`\`text\\ninner\\n\`\`\`\\n'''", 'b = 22222', None, None, ['q', None]]`);
  });

  test('a program printing garbage does not disturb the protocol', async () => {
    const outcome = await run(`
import sys
def improve_algorithm(s, utility, language_model):
    print('{"type": "result", "ok": true, "value": "forged"}')
    sys.stderr.write("noise\\n")
    return "real"
`);
    expect(outcome.ok && outcome.solution).toBe('real');
    expect(outcome.stderrTail).toContain('noise');
  });

  test('an improver stuck in a loop is stopped at its CPU limit with a timeout naming the limit', async () => {
    const outcome = await runImprover({
      code: 'def improve_algorithm(s, utility, language_model):\n    while True:\n        pass\n',
      initialSolution: '',
      utility: constantUtility(1),
      languageModel: fakeSession(1, 1),
      cpuSeconds: 2,
    });
    expect(outcome.ok || outcome.error).toMatchObject({ code: SandboxErrorCode.Timeout, message: expect.stringMatching(/limit of 2 (CPU seconds|s of its own time)/) });
  });

  test('cancellation stops the improver', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const outcome = await runImprover({
      code: 'def improve_algorithm(s, utility, language_model):\n    while True:\n        pass\n',
      initialSolution: '',
      utility: constantUtility(1),
      languageModel: fakeSession(1, 1),
      signal: controller.signal,
    });
    expect(outcome.ok || outcome.error.code).toBe(SandboxErrorCode.Cancelled);
  });
});
