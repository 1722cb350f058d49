import 'server-only';
import { newId } from '@/db/ids';
import { insertRunRecords, loadRunRecords } from '@/db/queries/bundles';
import type { Database } from '@/db/client';
import { runConfigSchema } from './config';
import { RUN_STATUS } from '@/lib/runs/status';

const ITERATION_STEP = /^r\d+\/t(\d+)\//;

function iterationOf(stepKey: string | null): number | null {
  const match = stepKey ? ITERATION_STEP.exec(stepKey) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Copies a STOP run's records up to and including `iteration` into a new queued run, so that executing
 * it recomputes nothing before that point. Returns the new run's id.
 */
export async function forkRunRecords(
  sourceRunId: string,
  iteration: number,
  overrides: { iterations?: number; seed?: number },
  db?: Database,
): Promise<string> {
  const records = await loadRunRecords(sourceRunId, db);
  if (!records) throw new Error(`run ${sourceRunId} does not exist`);
  const config = runConfigSchema.parse(records.run.config);
  if (config.kind !== 'stop') throw new Error('only STOP runs can be forked');
  if (!Number.isInteger(iteration) || iteration < 0 || iteration > config.iterations) {
    throw new Error(`iteration must be between 0 and ${config.iterations}`);
  }
  const forkedConfig = {
    ...config,
    iterations: Math.max(overrides.iterations ?? config.iterations, iteration),
    seed: overrides.seed ?? config.seed,
  };
  const keep = (stepKey: string | null) => {
    const at = iterationOf(stepKey);
    return at === null || at <= iteration;
  };
  const runId = newId('run');
  const now = new Date();
  await insertRunRecords(
    {
      run: {
        ...records.run,
        id: runId,
        title: `${records.run.title} (fork @ ${iteration})`,
        status: RUN_STATUS.queued,
        config: forkedConfig,
        parentRunId: sourceRunId,
        forkIteration: iteration,
        result: null,
        error: null,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        updatedAt: now,
      },
      improvers: records.improvers.filter((row) => row.iteration <= iteration),
      candidates: records.candidates.filter((row) => row.iteration <= iteration),
      evaluations: records.evaluations,
      lmCalls: records.lmCalls.filter((row) => keep(row.stepKey)),
      steps: records.steps.filter((row) => keep(row.stepKey)),
      events: records.events.filter((event) => {
        if (event.type.startsWith('run.')) return false;
        const at = event.payload.iteration;
        return typeof at !== 'number' || at <= iteration;
      }),
    },
    db,
  );
  return runId;
}
