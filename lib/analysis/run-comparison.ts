/**
 * Is run B better than run A? The final test meta-utility of each repeat, compared pairwise when the
 * two runs were launched with the same seed (repeat r of one faces repeat r of the other, so the
 * noise they share cancels), and as independent samples (Welch) otherwise. Pure.
 */
import { pairedTTest, welchTTest, type PairedTTest, type WelchTTest } from './t-test';

export interface RunRepeats {
  runId: string;
  label: string;
  /** The run's seed (config.seed); null when unknown. */
  seed: number | null;
  points: readonly { repeat: number; iteration: number; test: number | null }[];
  /** Where the run is: a run still going has no final numbers to test (absent: treated as finished). */
  progress?: { finished: boolean; iteration: number; iterations: number | null };
}

export interface RepeatPair {
  repeat: number;
  a: number;
  b: number;
  difference: number;
}

export type RunComparison =
  | { method: 'paired'; iteration: number; reason: string; pairs: RepeatPair[]; test: PairedTTest }
  | { method: 'welch'; iteration: number; reason: string; a: number[]; b: number[]; test: WelchTTest }
  | { method: 'none'; reason: string };

/** Per repeat, the test meta-utility at `iteration` (repeats without one are left out). */
function valuesAt(run: RunRepeats, iteration: number): Map<number, number> {
  const values = new Map<number, number>();
  for (const point of run.points) {
    if (point.iteration === iteration && point.test !== null) values.set(point.repeat, point.test);
  }
  return values;
}

/** The last iteration every measured repeat of the run has reached. */
function lastCommonIteration(run: RunRepeats): number | null {
  const lastPerRepeat = new Map<number, number>();
  for (const point of run.points) {
    if (point.test === null) continue;
    lastPerRepeat.set(point.repeat, Math.max(lastPerRepeat.get(point.repeat) ?? -1, point.iteration));
  }
  return lastPerRepeat.size ? Math.min(...lastPerRepeat.values()) : null;
}

/** Why no test can be made while one of the runs is unfinished, or null. */
function unfinishedReason(run: RunRepeats): string | null {
  const progress = run.progress;
  if (!progress || progress.finished) return null;
  return `${run.label} is at iteration ${progress.iteration} of ${progress.iterations ?? '?'}, still running`;
}

function hasVariance(values: readonly number[]): boolean {
  return values.some((value) => Math.abs(value - values[0]!) > 1e-12);
}

/** Refuses a t-test that would mean nothing (unfinished runs, too few repeats, zero variance). */
export function compareRuns(a: RunRepeats, b: RunRepeats): RunComparison {
  const unfinished = unfinishedReason(a) ?? unfinishedReason(b);
  if (unfinished) return { method: 'none', reason: unfinished };
  const result = testRuns(a, b);
  if (result.method === 'paired' && !hasVariance(result.test.differences)) {
    return { method: 'none', reason: `the paired differences have zero variance (every repeat differs by the same amount), so a t statistic means nothing` };
  }
  if (result.method === 'welch' && !hasVariance(result.a) && !hasVariance(result.b)) {
    return { method: 'none', reason: `${result.reason}, but both runs have zero variance over their repeats at iteration ${result.iteration}, so a t statistic means nothing` };
  }
  return result;
}

function testRuns(a: RunRepeats, b: RunRepeats): RunComparison {
  const lastA = lastCommonIteration(a);
  const lastB = lastCommonIteration(b);
  if (lastA === null || lastB === null) return { method: 'none', reason: 'one of the runs has no test measurement yet' };
  const iteration = Math.min(lastA, lastB);
  const valuesA = valuesAt(a, iteration);
  const valuesB = valuesAt(b, iteration);
  const sameRepeats = valuesA.size === valuesB.size && [...valuesA.keys()].every((repeat) => valuesB.has(repeat));
  if (a.seed !== null && a.seed === b.seed && sameRepeats && valuesA.size >= 2) {
    const repeats = [...valuesA.keys()].sort((x, y) => x - y);
    const test = pairedTTest(
      repeats.map((repeat) => valuesA.get(repeat)!),
      repeats.map((repeat) => valuesB.get(repeat)!),
    );
    return {
      method: 'paired',
      iteration,
      reason: `both runs were launched with seed ${a.seed}, so repeat r of one is paired with repeat r of the other`,
      pairs: repeats.map((repeat, index) => ({ repeat, a: valuesA.get(repeat)!, b: valuesB.get(repeat)!, difference: test.differences[index]! })),
      test,
    };
  }
  const reason =
    a.seed === null || b.seed === null || a.seed !== b.seed
      ? `the runs were launched with different seeds (${a.seed ?? '?'} and ${b.seed ?? '?'}), so their repeats are independent samples`
      : 'the runs have different repeats measured, so they cannot be paired';
  if (valuesA.size < 2 || valuesB.size < 2) return { method: 'none', reason: `${reason}; each run needs at least two repeats to compare` };
  return {
    method: 'welch',
    iteration,
    reason,
    a: [...valuesA.values()],
    b: [...valuesB.values()],
    test: welchTTest([...valuesA.values()], [...valuesB.values()]),
  };
}
