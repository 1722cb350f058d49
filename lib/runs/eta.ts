/**
 * Honest time: how long a run takes, from throughput measured on this machine rather than constants.
 * Pure functions, shared by the preflight estimate and the live ETA.
 */

/** The work a run plans: sandboxed evaluations and model calls, and how many proceed side by side. */
export interface WorkPlan {
  sandboxEvaluations: number;
  lmCalls: number;
  /** Independent chains of model calls that wait for the model at the same time (copies × repeats). */
  lmConcurrency: number;
}

/** Throughput measured on this machine. */
export interface Rates {
  /** Sandboxed evaluations finished per second, with every core busy. */
  evaluationsPerSecond: number;
  /** Wall time of one model call, in seconds. */
  lmLatencySeconds: number;
}

/** What a running run has done so far. */
export interface Progress {
  elapsedSeconds: number;
  evaluationsDone: number;
  lmCallsDone: number;
}

const positive = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);

/** The seconds each kind of work takes at `rates`: evaluations share the cores, model calls overlap. */
export function plannedSeconds(plan: WorkPlan, rates: Rates): { evaluations: number; lm: number; total: number } {
  const evaluations = rates.evaluationsPerSecond > 0 ? positive(plan.sandboxEvaluations) / rates.evaluationsPerSecond : 0;
  const lm = (positive(plan.lmCalls) * positive(rates.lmLatencySeconds)) / Math.max(1, plan.lmConcurrency);
  return { evaluations, lm, total: evaluations + lm };
}

/**
 * The share of the plan done (0..1), each kind of work weighted by the time it was planned to take, so
 * that a run that has made all its model calls but few evaluations is not "almost done".
 */
export function fractionDone(plan: WorkPlan, rates: Rates, progress: Progress): number {
  const seconds = plannedSeconds(plan, rates);
  if (seconds.total <= 0) return 0;
  const share = (done: number, planned: number) => (planned > 0 ? Math.min(1, positive(done) / planned) : 1);
  const fraction =
    (seconds.evaluations * share(progress.evaluationsDone, plan.sandboxEvaluations) + seconds.lm * share(progress.lmCallsDone, plan.lmCalls)) /
    seconds.total;
  return Math.min(1, Math.max(0, fraction));
}

/** The fraction of the work after which the measured pace replaces the plan completely. */
const TRUST_MEASURED_AFTER = 0.1;

/**
 * Seconds left: the remaining share of the work at a pace that starts as the plan (at the measured
 * rates) and moves to this run's own pace (elapsed / fraction done) over its first 10 % of work, so
 * that early noise does not swing the ETA and a run slower or faster than planned is tracked.
 */
export function remainingSeconds(plan: WorkPlan, rates: Rates, progress: Progress): number {
  const planned = plannedSeconds(plan, rates).total;
  const fraction = fractionDone(plan, rates, progress);
  if (fraction >= 1) return 0;
  const elapsed = positive(progress.elapsedSeconds);
  const trust = Math.min(1, fraction / TRUST_MEASURED_AFTER);
  const total = trust > 0 ? trust * (elapsed / fraction) + (1 - trust) * planned : planned;
  return Math.max(0, (1 - fraction) * total);
}

/**
 * Evaluations/s and model latency from samples of this machine's recent work, or null without any.
 * Evaluations: the cores over the *mean* wall time of one (Little's law, with every core busy). Not the
 * median: the few programs that run into their time limit (4 % of a Figure 4 run, 2 s each where most take
 * 40 ms) take about half of the CPU. Model latency: the median (a slow outlier delays one chain only).
 */
export function measuredRates(
  samples: { evaluationSeconds: readonly number[]; lmLatencySeconds: readonly number[] },
  cores: number,
): Partial<Rates> {
  const valid = (values: readonly number[]) => values.filter((value) => Number.isFinite(value) && value > 0);
  const median = (values: readonly number[]) => {
    const sorted = valid(values).sort((a, b) => a - b);
    return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)];
  };
  const mean = (values: readonly number[]) => {
    const kept = valid(values);
    return kept.length === 0 ? undefined : kept.reduce((sum, value) => sum + value, 0) / kept.length;
  };
  const evaluation = mean(samples.evaluationSeconds);
  const latency = median(samples.lmLatencySeconds);
  return {
    ...(evaluation !== undefined ? { evaluationsPerSecond: Math.max(1, cores) / evaluation } : {}),
    ...(latency !== undefined ? { lmLatencySeconds: latency } : {}),
  };
}
