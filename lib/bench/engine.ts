import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Database } from '@/db/client';
import { newId } from '@/db/ids';
import { listEvaluations } from '@/db/queries/evaluations';
import { listLmCalls } from '@/db/queries/lm-calls';
import { insertRun } from '@/db/queries/runs';
import { listSteps } from '@/db/queries/steps';
import { createGateway } from '@/lib/lm/gateway';
import { extractCode } from '@/lib/lm/extract-code';
import { budgetsSchema, type Budgets } from '@/lib/runs/config';
import { EventWriter } from '@/lib/runs/event-writer';
import { databaseRecorder } from '@/lib/runs/lm-recorder';
import { evaluateSolution } from '@/lib/sandbox';
import { installSandboxPool, type SandboxPool } from '@/lib/sandbox/pool';
import { runStop } from '@/lib/stop/algorithm';
import type { EngineContext } from '@/lib/stop/context';
import { EvaluationStore } from '@/lib/stop/evaluation-store';
import { Limiter } from '@/lib/limiter';
import { measureMetaUtility } from '@/lib/stop/meta-utility';
import { evaluationOptions, solutionHash } from '@/lib/stop/utility';
import { lpnTask } from '@/lib/tasks/lpn';
import { capacityFloorMs, criticalPath, type CriticalPath } from './critical-path';
import { ratio, round } from './stats';
import { RUN_STATUS } from '@/lib/runs/status';
import { readProgram } from '@/lib/improvers/programs';

export const SEED_IMPROVER = readProgram('seed');

/**
 * How a measured run executes:
 * - `fast`: the product's way — one evaluation worker per core, copies and repeats in parallel,
 *   speculative evaluation, warm sandbox processes;
 * - `sequential`: the reference implementation's way — one evaluation at a time, copies and repeats one
 *   after another, no speculation, every sandbox process started for its evaluation.
 * Both share the per-run evaluation cache (identical programs are scored once in either).
 */
export type Mode = 'fast' | 'sequential';

export interface EngineBench {
  db: Database;
  /** OpenAI-compatible base URL of the scripted model server (with injected latency). */
  baseUrl: string;
  /** The warm pool of the fast mode, shared by its runs as a server process shares its pool. */
  pool: SandboxPool;
  /** The model named in requests (default `scripted`, the classic bank model). */
  model?: string;
}

/**
 * Brings the fast mode's pool to a server's steady state before timing: one evaluation of the task's
 * seed solution leaves a warm judge for its training instances and spares with its limits.
 */
export async function warmUp(pool: SandboxPool): Promise<void> {
  await evaluateSolution({ ...evaluationOptions(lpnTask, 'train', lpnTask.seedSolution), pool });
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** A run record and an engine context for `mode`, as the runner builds them (lib/runs/runner.ts). */
async function benchContext(bench: EngineBench, mode: Mode, title: string, budgets: Partial<Budgets>) {
  const runId = newId('run');
  const model = bench.model ?? 'scripted';
  await insertRun(
    { id: runId, kind: 'stop', title, status: RUN_STATUS.running, config: { benchmark: true, mode }, seedImprover: SEED_IMPROVER, provider: 'openai', model, baseUrl: bench.baseUrl },
    bench.db,
  );
  const gateway = createGateway({ choice: { provider: 'openai', model, baseUrl: bench.baseUrl }, runId, seed: 0, recorder: databaseRecorder(bench.db) });
  const events = new EventWriter(runId, bench.db);
  const signal = new AbortController().signal;
  // Every sandboxed process and model request of the run listens to this one signal (as in the runner).
  setMaxListeners(0, signal);
  const ctx: EngineContext = {
    runId,
    db: bench.db,
    signal,
    model: gateway,
    evaluations: new Limiter(mode === 'fast' ? os.availableParallelism() : 1),
    budgets: budgetsSchema.parse(budgets),
    temperature: 0.7,
    events,
    stored: new EvaluationStore(runId, bench.db),
    seed: 0,
    schedule: mode === 'fast' ? 'parallel' : 'sequential',
  };
  return {
    ctx,
    close: async () => {
      await events.flush();
      await gateway.close();
    },
  };
}

/** Runs `work` in a fresh context of `mode`; returns its wall time and its run's critical path. */
export async function measureRun<T>(bench: EngineBench, mode: Mode, title: string, budgets: Partial<Budgets>, work: (ctx: EngineContext) => Promise<T>) {
  const pool = mode === 'fast' ? bench.pool : undefined;
  if (pool) await warmUp(pool);
  const before = pool?.stats();
  const previous = installSandboxPool(pool);
  const { ctx, close } = await benchContext(bench, mode, title, budgets);
  try {
    const started = performance.now();
    const value = await work(ctx);
    const wallMs = performance.now() - started;
    await ctx.stored.flush();
    const after = pool?.stats();
    const poolUse = before && after ? { warm_starts: after.warmStarts - before.warmStarts, cold_starts: after.coldStarts - before.coldStarts, judge_reuses: after.judgeReuses - before.judgeReuses, judge_starts: after.judgeStarts - before.judgeStarts } : null;
    return { wall_ms: Math.round(wallMs), critical_path: await recordedCriticalPath(bench.db, ctx.runId), run_id: ctx.runId, pool: poolUse, value };
  } finally {
    await close();
    installSandboxPool(previous);
  }
}

/** The program's own CPU time an evaluation row recorded (lib/stop/evaluator.ts), if any. */
export function programCpuOf(detail: Record<string, unknown> | null): number | undefined {
  const value = detail?.program_cpu_ms;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The run's critical path, with the capacity floor of this machine's cores (lib/bench/critical-path.ts). */
export async function recordedCriticalPath(db: Database, runId: string): Promise<CriticalPath & { capacity_floor_ms: number }> {
  const [calls, evaluations, steps] = await Promise.all([listLmCalls(runId, { limit: 1_000_000 }, db), listEvaluations(runId, db), listSteps(runId, '', db)]);
  const records = evaluations.map((row) => ({ instanceSet: row.instanceSet, solutionHash: row.solutionHash, durationMs: row.durationMs, programCpuMs: programCpuOf(row.detail) }));
  const path = criticalPath(
    {
      calls: calls.map((call) => ({ stepKey: call.stepKey, latencyMs: call.latencyMs, responses: call.responses })),
      evaluations: records,
      steps: steps.map((step) => ({ stepKey: step.stepKey, result: step.result })),
    },
    (response) => {
      const code = extractCode(response);
      return code ? [code] : [];
    },
    (program) => solutionHash(lpnTask, program),
  );
  return { ...path, capacity_floor_ms: capacityFloorMs(records, os.availableParallelism()) };
}

export interface Comparison {
  fast: { wall_ms: number; run_id: string; critical_path: CriticalPath; pool: unknown };
  sequential: { wall_ms: number; run_id: string; critical_path: CriticalPath };
  critical_path_bound_ms: number;
  /** fast wall / bound (target ≤ 1.3; under 1 when speculation beats the programs' own order). */
  fast_over_bound: number | null;
  /** sequential wall / fast wall (target ≥ 4 for the meta-utility). */
  speedup_vs_sequential: number | null;
}

async function compare(bench: EngineBench, title: string, budgets: Partial<Budgets>, work: (ctx: EngineContext) => Promise<unknown>): Promise<Comparison> {
  const { value: _fastValue, ...fast } = await measureRun(bench, 'fast', `${title} (fast)`, budgets, work);
  const sequential = await measureRun(bench, 'sequential', `${title} (sequential)`, budgets, work);
  const bound = fast.critical_path.bound_ms;
  return {
    fast,
    sequential: { wall_ms: sequential.wall_ms, run_id: sequential.run_id, critical_path: sequential.critical_path },
    critical_path_bound_ms: round(bound, 0),
    fast_over_bound: ratio(fast.wall_ms, bound),
    speedup_vs_sequential: ratio(sequential.wall_ms, fast.wall_ms),
  };
}

/** û of the seed improver on LPN over `copies` copies (training instances), fast vs sequential. */
export function benchMetaUtility(bench: EngineBench, copies: number, budgets: Partial<Budgets> = {}): Promise<Comparison> {
  return compare(bench, `bench: meta-utility k=${copies}`, budgets, (ctx) =>
    measureMetaUtility(ctx, SEED_IMPROVER, lpnTask, copies, { repeat: 0, iteration: null }),
  );
}

/** A small full STOP run (Algorithm 1 with repeats, test meta-utility included), fast vs sequential. */
export function benchStop(
  bench: EngineBench,
  options: { iterations: number; repeats: number; copies: number },
  budgets: Partial<Budgets> = {},
): Promise<Comparison> {
  return compare(bench, `bench: STOP T=${options.iterations} R=${options.repeats} k=${options.copies}`, budgets, (ctx) =>
    runStop(ctx, { task: lpnTask, seedImprover: SEED_IMPROVER, ...options, adoption: 'any-nonzero' }),
  );
}
