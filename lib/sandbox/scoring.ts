/**
 * How per-instance results combine into one utility, and how arguments reach the solution. Tasks pick
 * these to match the reference implementation's scorers (docs/tasks.md); the sandbox only applies them.
 */

/** How a failed call counts: a timeout, or anything else the call did (raised, crashed, ran out of memory). */
export type CallFailureKind = 'timeout' | 'exception';

export interface ScoringRules {
  /** Score of one instance whose call failed, when that failure does not end the evaluation. */
  instanceFailureValue: number;
  /** Failures that end the whole evaluation at once (the reference's "return eps" inside its loop). */
  fatalFailures: readonly CallFailureKind[];
  /** The utility of an evaluation ended by a fatal failure. */
  fatalValue: number;
  /** The utility is never below this (the reference's `max(score, eps)`); applies to every outcome. */
  floor: number;
}

/** Every instance fails on its own and scores 0; no floor. The default for custom tasks. */
export const PER_INSTANCE_RULES: ScoringRules = { instanceFailureValue: 0, fatalFailures: [], fatalValue: 0, floor: 0 };

/**
 * How the solution process receives an argument: `value` as JSON gives it (lists, numbers, strings);
 * `int-array` / `float-array` as a numpy array of that dtype when numpy imports in the sandbox, else as
 * the JSON value.
 */
export type ArgumentType = 'value' | 'int-array' | 'float-array';

/**
 * What a judge's score() returns for an output on which the reference's scorer raises (e.g. 3-SAT's
 * `None`, an LPN prediction of the wrong length): the call then counts as a failed call that raised,
 * fatal or not as the task's rules say.
 */
export const REFERENCE_RAISES = -1;

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** Whether a failed call ends the evaluation under these rules. */
export function isFatal(rules: ScoringRules, kind: CallFailureKind): boolean {
  return rules.fatalFailures.includes(kind);
}

/**
 * The utility of an evaluation: `fatal` when a fatal failure ended it, else the mean of the instance
 * scores (the failure value when there are none), raised to the floor and clamped to [0, 1].
 */
export function combineScores(rules: ScoringRules, scores: readonly number[], fatal: boolean, emptyValue: number): number {
  const value = fatal
    ? rules.fatalValue
    : scores.length
      ? scores.reduce((sum, score) => sum + score, 0) / scores.length
      : emptyValue;
  return clamp01(Math.max(rules.floor, Number.isFinite(value) ? value : emptyValue));
}
