import { describe, expect, it } from 'vitest';
import { fractionDone, measuredRates, plannedSeconds, remainingSeconds, type WorkPlan } from './eta';

const plan: WorkPlan = { sandboxEvaluations: 1000, lmCalls: 100, lmConcurrency: 5 };
const rates = { evaluationsPerSecond: 10, lmLatencySeconds: 2 };

describe('honest time', () => {
  it('plans evaluations on the measured throughput and model calls overlapped across concurrent chains', () => {
    expect(plannedSeconds(plan, rates)).toEqual({ evaluations: 100, lm: 40, total: 140 });
    expect(plannedSeconds({ ...plan, lmConcurrency: 0 }, rates).lm).toBe(200);
  });

  it('weights progress by the time each kind of work takes', () => {
    expect(fractionDone(plan, rates, { elapsedSeconds: 10, evaluationsDone: 0, lmCallsDone: 100 })).toBeCloseTo(40 / 140);
    expect(fractionDone(plan, rates, { elapsedSeconds: 10, evaluationsDone: 5000, lmCallsDone: 500 })).toBe(1);
  });

  it('starts from the plan and follows the run’s own pace once it has done some work', () => {
    expect(remainingSeconds(plan, rates, { elapsedSeconds: 0, evaluationsDone: 0, lmCallsDone: 0 })).toBe(140);
    // Half done in 140 s: twice as slow as planned, so another 140 s, not the plan's 70.
    expect(remainingSeconds(plan, rates, { elapsedSeconds: 140, evaluationsDone: 500, lmCallsDone: 50 })).toBeCloseTo(140);
    // Half done in 35 s: twice as fast.
    expect(remainingSeconds(plan, rates, { elapsedSeconds: 35, evaluationsDone: 500, lmCallsDone: 50 })).toBeCloseTo(35);
    expect(remainingSeconds(plan, rates, { elapsedSeconds: 999, evaluationsDone: 1000, lmCallsDone: 100 })).toBe(0);
  });

  it('counts down as the work proceeds at the planned pace', () => {
    let previous = Infinity;
    for (let step = 0; step <= 10; step++) {
      const left = remainingSeconds(plan, rates, { elapsedSeconds: 14 * step, evaluationsDone: 100 * step, lmCallsDone: 10 * step });
      expect(left).toBeLessThan(previous);
      expect(left).toBeCloseTo(140 - 14 * step);
      previous = left;
    }
  });

  it('derives throughput from the mean evaluation (time-outs included) and latency from the median, ignoring nonsense', () => {
    expect(measuredRates({ evaluationSeconds: [0.2, 0.2, 0.2, 3.4, -1, Number.NaN], lmLatencySeconds: [0.5, 0.6, 30] }, 2)).toEqual({
      evaluationsPerSecond: 2,
      lmLatencySeconds: 0.6,
    });
    expect(measuredRates({ evaluationSeconds: [], lmLatencySeconds: [] }, 2)).toEqual({});
  });
});
