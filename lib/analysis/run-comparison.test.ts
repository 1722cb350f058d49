import { describe, expect, it } from 'vitest';
import { compareRuns, type RunRepeats } from './run-comparison';

function run(runId: string, seed: number | null, finals: number[], iterations = 2): RunRepeats {
  const points = finals.flatMap((final, repeat) =>
    Array.from({ length: iterations + 1 }, (_, iteration) => ({ repeat, iteration, test: iteration === iterations ? final : 0.4 })),
  );
  return { runId, label: runId, seed, points };
}

describe('compareRuns', () => {
  it('pairs repeats of runs launched with the same seed (the hand-computed example of t-test.test.ts)', () => {
    const result = compareRuns(run('a', 7, [0.5, 0.6, 0.55, 0.7]), run('b', 7, [0.58, 0.63, 0.65, 0.74]));
    expect(result.method).toBe('paired');
    if (result.method !== 'paired') return;
    expect(result.iteration).toBe(2);
    expect(result.pairs.map((pair) => pair.repeat)).toEqual([0, 1, 2, 3]);
    expect(result.test.meanDifference).toBeCloseTo(0.0625, 12);
    expect(result.test.pValue).toBeCloseTo(0.03237, 5);
    expect(result.reason).toMatch(/seed 7/);
  });

  it("uses Welch's test for different seeds, at the last iteration both runs reached", () => {
    const result = compareRuns(run('a', 1, [0.4, 0.52, 0.47], 3), run('b', 2, [0.58, 0.63, 0.65, 0.74], 3));
    expect(result.method).toBe('welch');
    if (result.method !== 'welch') return;
    expect(result.test.pValue).toBeCloseTo(0.01317, 4);
    expect(result.reason).toMatch(/different seeds/);
    const shorter = compareRuns(run('a', 1, [0.4, 0.52], 1), run('b', 1, [0.58, 0.63, 0.65], 3));
    expect(shorter.method).toBe('welch');
    if (shorter.method === 'welch') expect(shorter.iteration).toBe(1);
  });

  it('says why it cannot compare', () => {
    expect(compareRuns(run('a', 1, []), run('b', 1, [0.5])).method).toBe('none');
    expect(compareRuns(run('a', 1, [0.5]), run('b', 2, [0.6])).reason).toMatch(/at least two repeats/);
  });

  it('refuses a t statistic for zero variance and for unfinished runs, with the reason', () => {
    const flat = compareRuns(run('a', 1, [0, 0, 0]), run('b', 1, [0, 0, 0]));
    expect(flat.method).toBe('none');
    expect(flat.reason).toMatch(/zero variance/);
    const welchFlat = compareRuns(run('a', 1, [0.5, 0.5]), run('b', 2, [0.5, 0.5, 0.5]));
    expect(welchFlat.reason).toMatch(/different seeds \(1 and 2\).*zero variance over their repeats at iteration 2/);
    const running = { ...run('b', 1, [0.58, 0.63, 0.65, 0.74]), progress: { finished: false, iteration: 1, iterations: 2 } };
    expect(compareRuns(run('a', 1, [0.5, 0.6, 0.55, 0.7]), running).reason).toBe('b is at iteration 1 of 2, still running');
  });
});
