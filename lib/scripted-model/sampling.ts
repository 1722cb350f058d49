import type { BankSolution } from '@/lib/tasks/types';
import { weightedIndex } from './random';

/**
 * Quality ranks shared by the task and improver banks: 0 is a failure variant (broken, times out,
 * circumvents), 1..TOP_RANK increasing quality.
 */
export const TOP_RANK = 4;

const TIER_RANKS: Record<BankSolution['tier'], number> = {
  broken: 0,
  timeout: 0,
  poor: 1,
  fair: 2,
  good: 3,
  best: 4,
};

export function tierRank(tier: BankSolution['tier']): number {
  return TIER_RANKS[tier];
}

/** Probability of answering with a failure variant: small when cold, larger when hot. */
export function failureProbability(temperature: number): number {
  return Math.min(0.5, 0.03 + 0.12 * Math.max(0, temperature));
}

/**
 * Probability that a proposed *improver* is a failure variant (broken, budget-hungry, sandbox-disabling).
 * Rewriting a whole improver goes wrong more often than rewriting a task solution, as the paper saw.
 */
export function improverFailureProbability(temperature: number): number {
  return Math.min(0.6, 0.1 + 0.25 * Math.max(0, temperature));
}

/**
 * The rank of the next answer when the prompt shows a solution of rank `currentRank`: centred one
 * rank above it (an improvement), spread wider as the temperature rises, with worse ranks
 * down-weighted. Returns 0 for a failure variant.
 */
export function sampleRank(
  currentRank: number,
  temperature: number,
  random: () => number,
  failureChance: (temperature: number) => number = failureProbability,
): number {
  if (random() < failureChance(temperature)) return 0;
  const target = Math.min(TOP_RANK, Math.max(1, currentRank) + 1);
  const spread = 0.35 + 0.5 * Math.max(0, temperature);
  const weights = Array.from({ length: TOP_RANK }, (_, index) => {
    const rank = index + 1;
    const weight = Math.exp(-Math.abs(rank - target) / spread);
    return rank < currentRank ? weight / 2 : weight;
  });
  return weightedIndex(weights, random) + 1;
}

/** An entry of the given rank, or of the nearest rank available (failure variants only for rank 0). */
export function entriesNearRank<T extends { rank: number }>(entries: readonly T[], rank: number): T[] {
  const failures = entries.filter((entry) => entry.rank === 0);
  if (rank === 0 && failures.length > 0) return failures;
  const working = entries.filter((entry) => entry.rank > 0);
  if (working.length === 0) return failures;
  const target = Math.max(1, rank);
  const distance = Math.min(...working.map((entry) => Math.abs(entry.rank - target)));
  const near = working.filter((entry) => Math.abs(entry.rank - target) === distance);
  const lowest = Math.min(...near.map((entry) => entry.rank));
  return near.filter((entry) => entry.rank === lowest);
}
