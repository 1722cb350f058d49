import { describe, expect, it } from 'vitest';
import { runImprover, SandboxErrorCode, type ImproverOutcome } from '@/lib/sandbox';
import { asImproverModel } from '@/lib/stop/invoke';
import { getBuiltinTask } from '@/lib/tasks/registry';
import { createGateway } from '@/lib/lm/gateway';
import { improverBank, type ImproverOutcome as Expected } from './improver-bank';
import { quotesCode } from './recognise';
import { tierRank } from './sampling';
import { scriptedBackend } from './backend';

const lpn = getBuiltinTask('lpn')!;

/** A stand-in utility: the bank tier of the solution (no judge run), so the test stays fast. */
function rankUtility(solution: string): number {
  const quoted = quotesCode(solution);
  const entry = lpn.solutionBank.find((candidate) => quoted(candidate.code));
  return entry ? tierRank(entry.tier) / 4 : 0.05;
}

function check(expected: Expected, outcome: ImproverOutcome): void {
  const kinds = outcome.circumventions.map((event) => event.kind);
  switch (expected) {
    case 'returns-string':
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      return;
    case 'syntax-error':
      expect(outcome.ok ? null : outcome.error.code).toBe(SandboxErrorCode.SyntaxError);
      return;
    case 'bad-signature':
      expect(outcome.ok ? null : outcome.error.code).toMatch(/missing_function|exception/);
      return;
    case 'budget-exceeded':
      expect(outcome.ok ? null : outcome.error.code).toBe(SandboxErrorCode.BudgetExceeded);
      expect(kinds).toContain('new_language_model');
      expect(outcome.lmCalls).toBeLessThanOrEqual(4);
      return;
    case 'disables-sandbox':
      expect(outcome.ok).toBe(true);
      expect(kinds).toContain('use_sandbox_false');
      return;
    case 'uses-exec':
      expect(outcome.ok).toBe(true);
      return;
  }
}

describe('scripted improver bank in the real sandbox', () => {
  it.each(improverBank().map((improver) => [improver.name, improver] as const))(
    '%s',
    async (_name, improver) => {
      const gateway = createGateway({
        choice: { provider: 'scripted', model: 'scripted' },
        scripted: scriptedBackend,
        runId: 'none',
        seed: 11,
        recorder: null,
      });
      const utilityBudget = 25;
      const outcome = await runImprover({
        code: improver.code,
        initialSolution: lpn.seedSolution,
        utility: {
          description: lpn.description,
          budget: utilityBudget,
          evaluate: async (solution) => rankUtility(solution),
        },
        languageModel: asImproverModel(gateway.session({ stepKey: improver.name, budget: 4, maxResponsesPerCall: 6 })),
        timeoutMs: 600_000,
      });
      check(improver.expected, outcome);
      expect(outcome.lmCalls).toBeLessThanOrEqual(4);
      expect(outcome.utilityCalls).toBeLessThanOrEqual(utilityBudget);
      if (improver.expected === 'returns-string' && outcome.ok) {
        // Iterating, selecting improvers reach a better solution than the seed.
        expect(rankUtility(outcome.solution)).toBeGreaterThanOrEqual(rankUtility(lpn.seedSolution));
      }
      console.info(
        `${improver.name}: ${outcome.ok ? `ok, utility ${rankUtility(outcome.solution)}` : outcome.error.code}, lm ${outcome.lmCalls}, utility ${outcome.utilityCalls}, ${outcome.circumventions.map((event) => event.kind).join(',')}`,
      );
    },
  );
});
