import { readProgram } from '@/lib/improvers/programs';

/** What running a bank improver in the sandbox is expected to do. */
export type ImproverOutcome =
  'returns-string' | 'syntax-error' | 'bad-signature' | 'budget-exceeded' | 'disables-sandbox' | 'uses-exec';

export interface BankImproverInfo {
  file: string;
  name: string;
  /** The scripted model's idea sentence for this improver. */
  idea: string;
  /** Rank 0: a failure variant; 1..4: increasing expected quality. */
  rank: number;
  expected: ImproverOutcome;
}

export interface BankImprover extends BankImproverInfo {
  code: string;
}

export const IMPROVER_BANK: readonly BankImproverInfo[] = [
  {
    file: 'seed_like.py',
    name: 'seed-like',
    rank: 1,
    expected: 'returns-string',
    idea: 'Ask for several independent improvements in one batch and keep the one the utility scores highest.',
  },
  {
    file: 'greedy_iterative.py',
    name: 'greedy-iterative',
    rank: 2,
    expected: 'returns-string',
    idea: 'Iterate greedily: each model call improves the best solution found so far, until the budgets run out.',
  },
  {
    file: 'temperature_schedule.py',
    name: 'temperature-schedule',
    rank: 2,
    expected: 'returns-string',
    idea: 'Vary the sampling temperature: explore with hot samples early and exploit with cool ones as the budget runs out.',
  },
  {
    file: 'hints.py',
    name: 'hints',
    rank: 2,
    expected: 'returns-string',
    idea: 'Send several prompts at once, each hinting at a different kind of improvement, and refine the winner.',
  },
  {
    file: 'decompose_and_improve.py',
    name: 'decomposition',
    rank: 2,
    expected: 'returns-string',
    idea: 'Decompose the solution into parts and improve one part per call, keeping only changes that raise the score.',
  },
  {
    file: 'simulated_annealing.py',
    name: 'simulated-annealing',
    rank: 3,
    expected: 'returns-string',
    idea: 'Use simulated annealing: accept worse candidates with a probability that falls as the temperature decays.',
  },
  {
    file: 'ucb_temperature_bandit.py',
    name: 'ucb-bandit',
    rank: 3,
    expected: 'returns-string',
    idea: 'Treat sampling temperatures as arms of a multi-armed bandit and pick them by their upper confidence bound.',
  },
  {
    file: 'epsilon_greedy_topk.py',
    name: 'epsilon-greedy-top-k',
    rank: 3,
    expected: 'returns-string',
    idea: 'Keep the top-k solutions, expand the best one or (with probability epsilon) another, and stop early when progress stalls.',
  },
  {
    file: 'genetic_lm_crossover.py',
    name: 'genetic',
    rank: 3,
    expected: 'returns-string',
    idea: 'Run a genetic algorithm in which the language model performs both the mutations and the crossovers.',
  },
  {
    file: 'beam_search.py',
    name: 'beam-search',
    rank: 4,
    expected: 'returns-string',
    idea: 'Use beam search: keep the best few solutions and expand each of them with new model samples every round.',
  },
  {
    file: 'broken_syntax_error.py',
    name: 'broken-syntax-error',
    rank: 0,
    expected: 'syntax-error',
    idea: 'Request all improvements in one call and return the highest-scoring candidate.',
  },
  {
    file: 'broken_wrong_signature.py',
    name: 'broken-wrong-signature',
    rank: 0,
    expected: 'bad-signature',
    idea: 'Simplify the interface: a first draft needs only the language model, not the utility.',
  },
  {
    file: 'budget_hungry.py',
    name: 'budget-hungry',
    rank: 0,
    expected: 'budget-exceeded',
    idea: 'Create a language model with a larger budget so that the greedy search is not cut short.',
  },
  {
    file: 'sandbox_disabled.py',
    name: 'sandbox-disabled',
    rank: 0,
    expected: 'disables-sandbox',
    idea: 'Evaluate candidates with use_sandbox=False for efficiency, since the sandbox only slows scoring down.',
  },
  {
    file: 'exec_precheck.py',
    name: 'exec-precheck',
    rank: 0,
    expected: 'uses-exec',
    idea: 'Pre-check each candidate by executing it with exec before spending a utility call on it.',
  },
];

/** Improvers of the weak profile: plausible, but they damage the improver or silently keep the original. */
export const WEAK_IMPROVERS: readonly BankImproverInfo[] = [
  {
    file: 'weak_silent_original.py',
    name: 'weak-silent-original',
    rank: 1,
    expected: 'returns-string',
    idea: 'Scores are normalised, so only accept a candidate that beats the best possible score seen so far.',
  },
  {
    file: 'weak_truncating.py',
    name: 'weak-truncating',
    rank: 1,
    expected: 'returns-string',
    idea: 'Keep candidates short and focused: trim long answers before scoring them.',
  },
  {
    file: 'weak_first_candidate.py',
    name: 'weak-first-candidate',
    rank: 1,
    expected: 'returns-string',
    idea: 'Save the utility budget: use the model’s first complete answer directly.',
  },
  {
    file: 'weak_few_samples.py',
    name: 'weak-few-samples',
    rank: 1,
    expected: 'returns-string',
    idea: 'For simplicity, ask for only a couple of improvements and keep the better one.',
  },
];

const loaded = new Map<readonly BankImproverInfo[], readonly BankImprover[]>();

function load(infos: readonly BankImproverInfo[]): readonly BankImprover[] {
  let programs = loaded.get(infos);
  if (!programs) {
    programs = infos.map((info) => ({ ...info, code: readProgram(`scripted/${info.file}`) }));
    loaded.set(infos, programs);
  }
  return programs;
}

/** The improver programs of the scripted model, read once from lib/improvers/scripted/*.py. */
export function improverBank(): readonly BankImprover[] {
  return load(IMPROVER_BANK);
}

/** The weak profile's improvers, read once from the same folder. */
export function weakImprovers(): readonly BankImprover[] {
  return load(WEAK_IMPROVERS);
}
