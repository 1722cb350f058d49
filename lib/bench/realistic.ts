import type { Database } from '@/db/client';
import { REALISTIC_LATENCY, type LatencyProfile } from '@/lib/scripted-model/quirks';
import { startScriptedServer } from '@/lib/scripted-model/server';
import { budgetsSchema, type Budgets } from '@/lib/runs/config';
import { loadWorkload, type RunWorkload } from '@/lib/runs/workload';
import type { SandboxPool } from '@/lib/sandbox/pool';
import { runStop } from '@/lib/stop/algorithm';
import { lpnTask } from '@/lib/tasks/lpn';
import { measureRun, SEED_IMPROVER } from './engine';
import { ratio, round } from './stats';

/**
 * A STOP run on a realistic workload: the `scripted-strong` profile (a new program almost every answer,
 * imperfect answers) behind a server whose latency grows with the answer's length, time-scaled so that
 * the run takes minutes rather than hours. Only the product's (fast) schedule is run; the sequential
 * schedule is estimated from the run's own record (lib/bench/critical-path.ts).
 */
export interface RealisticSettings {
  iterations: number;
  repeats: number;
  copies: number;
  /** Multiplies the realistic latency profile (1 = a hosted model's time to first token and tokens/s). */
  timeScale: number;
  budgets?: Partial<Budgets>;
}

export interface RealisticReport {
  settings: { model: 'scripted-strong'; iterations: number; repeats: number; copies: number; latency: LatencyProfile; budgets: Budgets };
  wall_ms: number;
  workload: RunWorkload;
  /** 1 − the workload's cache miss rate: utility calls on solutions answered without a sandbox. */
  cache_hit_rate: number | null;
  /** Requests the model server answered, and the latency it added in total (what a sequential schedule waits for). */
  lm: { requests: number; answered: number; latency_ms_total: number };
  /** The longest chain of the run's own order of calls, with unlimited workers (lib/bench/critical-path.ts). */
  critical_path_bound_ms: number;
  /** The programs' own CPU time over this machine's cores: no schedule on these cores can beat it. */
  capacity_floor_ms: number;
  /** The larger of the two: the lower bound on this machine. */
  bound_ms: number;
  sequential_estimate_ms: number;
  /** wall / bound_ms (≥ 1 unless speculation beats the programs' own order). */
  wall_over_bound: number | null;
  /** wall / critical-path bound alone (what wall_over_bound meant before the capacity floor). */
  wall_over_critical_path: number | null;
  /** sequential estimate / wall: how much faster than one-thing-at-a-time the run was. */
  sequential_over_wall: number | null;
  /** The run's own result, to show the workload was a real one: test meta-utility per iteration. */
  test_meta_utility: { iteration: number; mean: number; standard_error: number }[];
}

export async function benchRealistic(db: Database, pool: SandboxPool, settings: RealisticSettings): Promise<RealisticReport> {
  const latency: LatencyProfile = { ...REALISTIC_LATENCY, timeScale: settings.timeScale };
  const lm = await startScriptedServer({ port: 0, host: '127.0.0.1', seed: 0, model: 'scripted-strong', quirks: { latency } });
  try {
    const budgets = settings.budgets ?? {};
    const run = await measureRun(
      { db, baseUrl: lm.url, pool, model: 'scripted-strong' },
      'fast',
      `bench: realistic STOP T=${settings.iterations} R=${settings.repeats} k=${settings.copies}`,
      budgets,
      (ctx) =>
        runStop(ctx, {
          task: lpnTask,
          seedImprover: SEED_IMPROVER,
          iterations: settings.iterations,
          repeats: settings.repeats,
          copies: settings.copies,
          adoption: 'any-nonzero',
        }),
    );
    const workload = await loadWorkload(run.run_id, db);
    const path = run.critical_path;
    const bound = Math.max(path.bound_ms, path.capacity_floor_ms);
    const stats = lm.stats();
    return {
      settings: {
        model: 'scripted-strong',
        iterations: settings.iterations,
        repeats: settings.repeats,
        copies: settings.copies,
        latency,
        budgets: budgetsSchema.parse(budgets),
      },
      wall_ms: run.wall_ms,
      workload: { ...workload, cache_miss_rate: workload.cache_miss_rate === null ? null : round(workload.cache_miss_rate, 4) },
      cache_hit_rate: workload.cache_miss_rate === null ? null : round(1 - workload.cache_miss_rate, 4),
      lm: { requests: stats.requests, answered: stats.answered, latency_ms_total: Math.round(stats.plannedLatencyMs) },
      critical_path_bound_ms: round(path.bound_ms, 0),
      capacity_floor_ms: round(path.capacity_floor_ms, 0),
      bound_ms: round(bound, 0),
      sequential_estimate_ms: round(path.sequential_estimate_ms, 0),
      wall_over_bound: ratio(run.wall_ms, bound),
      wall_over_critical_path: ratio(run.wall_ms, path.bound_ms),
      sequential_over_wall: ratio(path.sequential_estimate_ms, run.wall_ms),
      test_meta_utility: run.value.iterations.map((row) => ({
        iteration: row.iteration,
        mean: round(row.test_meta_utility_mean, 4),
        standard_error: round(row.test_standard_error, 4),
      })),
    };
  } finally {
    await lm.close();
  }
}
