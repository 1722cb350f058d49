import 'server-only';
import type { EvaluationKey } from '@/db/queries/evaluations';
import type { NewEvaluation } from '@/db/schema';
import type { Limiter } from '@/lib/limiter';
import type { EvaluationJob, EvaluationQueue, QueuedEvaluationResult } from '@/lib/queue/jobs';
import { evaluateSolution, type SolutionEvaluation } from '@/lib/sandbox';
import type { EvaluationStore } from './evaluation-store';

/**
 * Where a solution evaluation runs: in this process's sandboxes (the fork server, `localEvaluator`) or
 * as a job that any queue worker may take (`queueEvaluator`). Either way it ends as one stored row.
 */
export interface Evaluator {
  evaluate(job: EvaluationJob, signal: AbortSignal): Promise<QueuedEvaluationResult>;
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
    detail: {
      failures: result.failures.slice(0, 5),
      failure_count: result.failures.length,
      program_cpu_ms: Math.round(result.programCpuMs),
      ...extraDetail,
    },
  };
}

/** Raised when the signal fires while the sandbox was evaluating: nothing is saved. */
export class EvaluationCancelled extends Error {
  constructor() {
    super('the evaluation was cancelled');
    this.name = 'EvaluationCancelled';
  }
}

/**
 * Evaluate → result row → save: the one place this happens (engine and queue workers alike). A queue
 * worker's save is awaited (the engine reads the row when the job ends); the engine's own rows go to its
 * run's EvaluationStore, which writes them in batches.
 */
export async function evaluateAndSave(
  job: EvaluationJob,
  signal: AbortSignal,
  save: (row: NewEvaluation) => Promise<void> | void,
  extraDetail: Record<string, unknown> = {},
): Promise<QueuedEvaluationResult> {
  const result = await evaluateSolution({ ...job.options, signal });
  if (signal.aborted) throw new EvaluationCancelled();
  const row = evaluationRow(job.key, job.options.failureValue, result, extraDetail);
  await save(row);
  return { utility: row.utility, durationMs: row.durationMs ?? 0, detail: row.detail ?? null };
}

/** Evaluations in this process, at most as many at once as `limiter` allows, stored by `store`. */
export function localEvaluator(store: EvaluationStore, limiter: Limiter): Evaluator {
  return { evaluate: (job, signal) => limiter.run(() => evaluateAndSave(job, signal, (row) => store.save(row))) };
}

/** Evaluations as queue jobs (the worker that takes one calls `evaluateAndSave`). */
export function queueEvaluator(queue: EvaluationQueue): Evaluator {
  return queue;
}
