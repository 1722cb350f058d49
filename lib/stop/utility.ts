import 'server-only';
import { contentHash } from '@/db/ids';
import { findEvaluation, saveEvaluation, type EvaluationKey } from '@/db/queries/evaluations';
import type { NewEvaluation } from '@/db/schema';
import { evaluateSolution, type EvaluateSolutionOptions, type SolutionEvaluation } from '@/lib/sandbox';
import type { TaskDefinition } from '@/lib/tasks/types';
import { throwIfCancelled, type EngineContext } from './context';

export type InstanceSet = 'train' | 'test';

export interface UtilityResult {
  utility: number;
  cached: boolean;
}

const inFlight = new Map<string, Promise<number>>();

export function instanceSpec(task: TaskDefinition, set: InstanceSet): { seed: number; count: number } {
  return set === 'train'
    ? { seed: task.trainSeed, count: task.trainInstances }
    : { seed: task.testSeed, count: task.testInstances };
}

/** How the per-run cache keys a solution of a task. */
export function solutionHash(task: TaskDefinition, solution: string): string {
  return contentHash(`${task.entryPoint}\u0000${solution}`);
}

/** The sandbox evaluation of `solution` on the task's training or test instances. */
export function evaluationOptions(task: TaskDefinition, set: InstanceSet, solution: string): EvaluateSolutionOptions {
  const { seed, count } = instanceSpec(task, set);
  return {
    judgeCode: task.judgeCode,
    solutionCode: solution,
    entryPoint: task.entryPoint,
    seed,
    count,
    timeoutMsPerInstance: task.timeoutMsPerInstance,
    failureValue: task.failureValue,
    scoring: task.scoring,
    argumentTypes: task.argumentTypes,
  };
}

/** The stored evaluation of a sandbox result: utility clamped to [0, 1], failures bounded. */
export function evaluationRow(
  key: EvaluationKey,
  failureValue: number,
  result: SolutionEvaluation,
  extraDetail: Record<string, unknown> = {},
): NewEvaluation {
  return {
    ...key,
    utility: Math.min(1, Math.max(0, Number.isFinite(result.utility) ? result.utility : failureValue)),
    durationMs: Math.round(result.durationMs),
    detail: { failures: result.failures.slice(0, 5), failure_count: result.failures.length, ...extraDetail },
  };
}

/**
 * u(x): the task's score of a solution on its training or held-out test instances, in [0, 1].
 * Identical (task, instance set, solution) evaluations are computed once per run.
 */
export async function scoreSolution(
  ctx: EngineContext,
  task: TaskDefinition,
  set: InstanceSet,
  solution: string,
): Promise<UtilityResult> {
  throwIfCancelled(ctx);
  const key: EvaluationKey = {
    runId: ctx.runId,
    taskId: task.id,
    instanceSet: set,
    instanceSeed: instanceSpec(task, set).seed,
    solutionHash: solutionHash(task, solution),
  };
  const stored = await findEvaluation(key, ctx.db);
  if (stored) return { utility: stored.utility, cached: true };
  const announce = (row: { utility: number; durationMs?: number; detail?: Record<string, unknown> | null }) => {
    const error = row.detail?.error;
    if (typeof error === 'string') {
      ctx.events.emit({ type: 'error', payload: { repeat: null, iteration: null, code: 'evaluation_failed', message: error, step_key: null } });
    }
    ctx.events.emit({
      type: 'utility.evaluated',
      payload: { task_id: task.id, set, utility: row.utility, cached: false, duration_ms: row.durationMs ?? 0 },
    });
    return row.utility;
  };
  const flightKey = JSON.stringify(key);
  const running = inFlight.get(flightKey);
  // Joining an evaluation in flight (often a speculative one) waits for a real evaluation: not a cache hit.
  if (running) return { utility: await running, cached: false };
  // With the PostgreSQL job queue the evaluation runs on whichever worker takes it (lib/queue).
  const work = ctx.queue
    ? ctx.queue.evaluate({ key, options: evaluationOptions(task, set, solution) }, ctx.signal).then((row) => {
        throwIfCancelled(ctx);
        return announce(row);
      })
    : ctx.evaluations.run(async () => {
    throwIfCancelled(ctx);
    const result = await evaluateSolution({ ...evaluationOptions(task, set, solution), signal: ctx.signal });
    throwIfCancelled(ctx);
    const row = evaluationRow(key, task.failureValue, result);
    await saveEvaluation(row, ctx.db);
    return announce(row);
  });
  inFlight.set(flightKey, work);
  try {
    return { utility: await work, cached: false };
  } finally {
    inFlight.delete(flightKey);
  }
}
