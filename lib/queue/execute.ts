import 'server-only';
import type pg from 'pg';
import type { JobHelpers, Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { saveEvaluation } from '@/db/queries/evaluations';
import { evaluateAndSave, evaluationRow } from '@/lib/stop/evaluator';
import { describeJob, evaluationJobSchema, jobKeyOf, MAX_CRASHES, type EvaluationJob, type EvaluationNotice } from './jobs';
import { CHANNELS, notify } from './listener';

/** What a queue process counts for its row on the Settings page. */
export interface JobCounters {
  done: number;
  failed: number;
  running: number;
}

export interface ExecuteDeps {
  db: Database;
  pool: pg.Pool;
  workerId: string;
  counters: JobCounters;
  /** Aborted when the job's run is cancelled (the `cancel` channel) or the process shuts down. */
  signalFor(runId: string, shutdown: AbortSignal): { signal: AbortSignal; release(): void };
}

const MAX_NOTICE_ERROR = 1_000;

async function announce(deps: ExecuteDeps, notice: EvaluationNotice): Promise<void> {
  const bounded = notice.e === undefined ? notice : { ...notice, e: notice.e.slice(0, MAX_NOTICE_ERROR) };
  await notify(deps.pool, CHANNELS.evaluations, JSON.stringify(bounded));
}

/** Records the failure of a job that took down the processes that ran it, so that the run goes on. */
async function recordCrashLimit(deps: ExecuteDeps, job: EvaluationJob, attempts: number): Promise<void> {
  const error = `The evaluation of ${describeJob(job.key)} killed the worker running it ${attempts - 1} times; it was not run again and scores the failure value ${job.options.failureValue}.`;
  const row = evaluationRow(job.key, job.options.failureValue, { utility: job.options.failureValue, scores: [], failures: [], durationMs: 0, programCpuMs: 0 }, {
    error,
    worker: deps.workerId,
    attempt: attempts,
  });
  await saveEvaluation(row, deps.db);
  deps.counters.failed += 1;
  await announce(deps, { k: jobKeyOf(job.key) });
}

/** A cancelled run's job just ends; one interrupted by this process shutting down goes back to the queue. */
function leaveOrRetry(helpers: JobHelpers): void {
  if (helpers.abortSignal.aborted) throw new Error('the worker shut down during this evaluation; it is queued again');
}

/**
 * The graphile-worker task that runs one solution evaluation in this machine's sandbox. It never throws:
 * a crash of the whole process is the only way a job is attempted again (after its lease expires).
 */
export function evaluationTask(deps: ExecuteDeps): Task {
  return async (payload: unknown, helpers: JobHelpers) => {
    const parsed = evaluationJobSchema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`[queue] job ${helpers.job.id} has a malformed payload; dropped`);
      deps.counters.failed += 1;
      return;
    }
    const job = parsed.data;
    if (helpers.job.attempts > MAX_CRASHES) {
      await recordCrashLimit(deps, job, helpers.job.attempts);
      return;
    }
    const { signal, release } = deps.signalFor(job.key.runId, helpers.abortSignal);
    deps.counters.running += 1;
    try {
      await evaluateAndSave(job, signal, (row) => saveEvaluation(row, deps.db), { worker: deps.workerId, attempt: helpers.job.attempts });
      deps.counters.done += 1;
      await announce(deps, { k: jobKeyOf(job.key) });
    } catch (error) {
      if (signal.aborted) return leaveOrRetry(helpers);
      deps.counters.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      await announce(deps, { k: jobKeyOf(job.key), e: `${describeJob(job.key)}: ${message}` });
    } finally {
      deps.counters.running -= 1;
      release();
    }
  };
}
