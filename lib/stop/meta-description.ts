import type { Budgets, CopyFailureRule } from '@/lib/runs/config';

/**
 * The grey-box description of the meta-utility û shown to the model when an improver improves itself:
 * what is measured, how often it may be called and the budgets of every downstream language model and
 * utility (as the reference's tasks/meta_optimization/utility.py states them), never the downstream
 * tasks themselves. Every number comes from the run's own budgets.
 */
export function metaUtilityDescription(budgets: Budgets, copies: number, copyFailure: CopyFailureRule = 'zero'): string {
  return [
    'The utility measures how good an improver program is at improving other programs.',
    `This meta-utility may be called ${budgets.metaUtilityCalls} times (utility.budget); a call past that returns 0.`,
    '',
    'An improver is a Python program that defines',
    '    improve_algorithm(initial_solution, utility, language_model) -> str',
    'It receives the source code of a solution (a string), a utility function that scores a solution',
    'string in [0, 1] (higher is better; utility.str describes the downstream task, utility.budget is how',
    'many times that downstream utility may be called), and a language model with',
    '    language_model.prompt(expertise, message, n_responses=1, temperature=0.7) -> list[str]',
    '    language_model.batch_prompt(expertise, messages, temperature) -> list[str]',
    'and it must return the source code of an improved solution as a string.',
    '',
    `Each call runs the improver on ${copies} downstream tasks that are kept hidden, scores each`,
    "improved solution with that task's own utility, and returns the mean score in [0, 1].",
    copyFailure === 'zero'
      ? 'If the improver raises an exception (or runs too long, or returns no string) on any of them, the whole meta-utility is 0.'
      : 'An improver that raises an exception, runs too long or does not return a string scores 0 on that task.',
    'A downstream utility call past its budget returns 0 without scoring anything (the call is recorded), and so',
    'does utility() of anything that is not a program (None, an empty string); a language-model call past',
    'language_model.budget raises an exception.',
    '',
    'Budgets of each run of the improver on one downstream task:',
    `- a new language model with at most ${budgets.lmCalls} calls (language_model.budget)`,
    `  and at most ${budgets.maxResponsesPerCall} responses per call (language_model.max_responses_per_call);`,
    `- the downstream utility may be called ${budgets.utilityCalls} times (the downstream utility.budget).`,
    'Budgets are enforced outside the program; code cannot raise them.',
    'Improver code runs in a sandbox with the Python standard library (numpy may also be available).',
    '`from helpers import extract_code` returns the code of the longest fenced block of a response.',
  ].join('\n');
}
