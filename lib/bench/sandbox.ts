import os from 'node:os';
import { evaluateSolution, type EvaluateSolutionOptions } from '@/lib/sandbox';
import { SandboxPool } from '@/lib/sandbox/pool';
import { evaluationOptions } from '@/lib/stop/utility';
import { lpnTask } from '@/lib/tasks/lpn';
import { Limiter } from '@/lib/limiter';
import { ratio, round, summarise, timed, type Summary } from './stats';

/** A judge and a solution that do nothing: what is measured is the sandbox round trip itself. */
const NOOP_JUDGE =
  'def generate(seed, count):\n    return [([i], i) for i in range(count)]\n\ndef score(args, hidden, output):\n    return 1.0\n';
const NOOP_SOLUTION = 'def algorithm(x):\n    return x\n';

/** Each evaluation gets a distinct program text, as in a run (the per-run cache is not involved here). */
const variant = (code: string, index: number): string => `${code}\n# variant ${index}\n`;

function noopOptions(index: number, pool: SandboxPool | null): EvaluateSolutionOptions {
  return {
    judgeCode: NOOP_JUDGE,
    solutionCode: variant(NOOP_SOLUTION, index),
    entryPoint: 'algorithm',
    seed: 1,
    count: 1,
    timeoutMsPerInstance: 2000,
    failureValue: 0,
    pool,
  };
}

/** Sequential no-op evaluations: the latency of one utility call's sandbox work. */
async function noopLatencies(count: number, pool: SandboxPool | null, pauseMs: number): Promise<number[]> {
  const samples: number[] = [];
  // One unmeasured evaluation first: imports, isolation detection, the pool's first spares.
  await evaluateSolution(noopOptions(-1, pool));
  for (let index = 0; index < count; index += 1) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const { value, ms } = await timed(() => evaluateSolution(noopOptions(index, pool)));
    if (value.utility !== 1) throw new Error(`the no-op evaluation scored ${value.utility}: ${JSON.stringify(value.failures)}`);
    samples.push(ms);
  }
  return samples;
}

export interface SandboxOverhead {
  warm: Summary;
  cold: Summary;
  /** cold p50 / warm p50. */
  speedup_p50: number | null;
  target_p50_ms: number;
  meets_target: boolean;
}

/**
 * p50/p95 of a no-op evaluation round trip (judge + solution, relayed by the host), with the warm pool
 * and without it (every process started for the evaluation, as before the pool), in the same run.
 * A short pause between evaluations lets the pool refill, as the gaps between a run's utility calls do.
 */
export async function measureSandboxOverhead(count: number): Promise<SandboxOverhead> {
  const pool = new SandboxPool();
  try {
    const warm = summarise(await noopLatencies(count, pool, 20));
    const cold = summarise(await noopLatencies(count, null, 20));
    return { warm, cold, speedup_p50: ratio(cold.p50_ms, warm.p50_ms), target_p50_ms: 40, meets_target: warm.p50_ms <= 40 };
  } finally {
    await pool.close();
  }
}

export interface Throughput {
  workers: number;
  evaluations: number;
  seconds: number;
  evaluations_per_second: number;
}

/** Evaluations per second of the LPN seed solution on its training instances, `workers` at a time. */
async function lpnThroughput(evaluations: number, workers: number, pool: SandboxPool | null): Promise<Throughput> {
  const limiter = new Limiter(workers);
  const run = (index: number) =>
    limiter.run(() =>
      evaluateSolution({ ...evaluationOptions(lpnTask, 'train', variant(lpnTask.seedSolution, index)), pool }),
    );
  await run(-1);
  const { ms } = await timed(() => Promise.all(Array.from({ length: evaluations }, (_, index) => run(index))));
  return { workers, evaluations, seconds: round(ms / 1000, 2), evaluations_per_second: round((evaluations * 1000) / ms, 2) };
}

export interface ThroughputReport {
  one_worker: Throughput;
  all_cores: Throughput;
  one_worker_cold: Throughput;
  /** all cores (warm) / one worker (warm). */
  scaling: number | null;
  /** one worker warm / one worker cold. */
  pool_speedup: number | null;
}

export async function measureThroughput(evaluations: number): Promise<ThroughputReport> {
  const pool = new SandboxPool();
  try {
    const cores = os.availableParallelism();
    const oneWorker = await lpnThroughput(evaluations, 1, pool);
    const allCores = await lpnThroughput(evaluations, cores, pool);
    const cold = await lpnThroughput(evaluations, 1, null);
    return {
      one_worker: oneWorker,
      all_cores: allCores,
      one_worker_cold: cold,
      scaling: ratio(allCores.evaluations_per_second, oneWorker.evaluations_per_second),
      pool_speedup: ratio(oneWorker.evaluations_per_second, cold.evaluations_per_second),
    };
  } finally {
    await pool.close();
  }
}
