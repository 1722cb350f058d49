import 'server-only';
import { contentHash } from '@/db/ids';
import type { EvaluationKey } from '@/db/queries/evaluations';
import type { EvaluateSolutionOptions } from '@/lib/sandbox';
import type { TaskDefinition } from '@/lib/tasks/types';
import { throwIfCancelled, type EngineContext } from './context';
import { localEvaluator, queueEvaluator } from './evaluator';

export { evaluationRow } from './evaluator';

export type InstanceSet = 'train' | 'test';

export interface UtilityResult {
  utility: number;
  cached: boolean;
}

const inFlight = new Map<string, Promise<number>>();

/**
 * Utilities already stored in this process, by cache key: a hit costs no database query. The embedded
 * database runs its queries on the engine's one thread, and a STOP run asks for the same programs'
 * utilities hundreds of times; every query answered here leaves the thread to model responses and
 * sandbox messages. The database stays the record (and the cache of other processes and resumed runs).
 */
const known = new Map<string, number>();
const MAX_KNOWN = 50_000;

function remember(flightKey: string, utility: number): void {
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
  known.set(flightKey, utility);
}

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
  const flightKey = JSON.stringify(key);
  const remembered = known.get(flightKey);
  if (remembered !== undefined) return { utility: remembered, cached: true };
  // Joining an evaluation in flight (often a speculative one) waits for a real evaluation: not a cache hit.
  const joined = inFlight.get(flightKey);
  if (joined) return { utility: await joined, cached: false };
  const stored = await ctx.stored.lookup(key);
  if (stored !== undefined) {
    remember(flightKey, stored);
    return { utility: stored, cached: true };
  }
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
  // Started meanwhile (while the database was asked)?
  const running = inFlight.get(flightKey);
  if (running) return { utility: await running, cached: false };
  // With the PostgreSQL job queue the evaluation runs on whichever worker takes it (lib/queue).
  const evaluator = ctx.queue ? queueEvaluator(ctx.queue) : localEvaluator(ctx.stored, ctx.evaluations);
  const work = evaluator.evaluate({ key, options: evaluationOptions(task, set, solution) }, ctx.signal).then(
    (row) => {
      throwIfCancelled(ctx);
      remember(flightKey, row.utility);
      if (ctx.queue) ctx.stored.note(key, row.utility);
      return announce(row);
    },
    (error: unknown) => {
      throwIfCancelled(ctx);
      throw error;
    },
  );
  inFlight.set(flightKey, work);
  try {
    return { utility: await work, cached: false };
  } finally {
    inFlight.delete(flightKey);
  }
}
