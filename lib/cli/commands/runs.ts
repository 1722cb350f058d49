import { findRun, listRuns } from '@/db/queries/runs';
import { resumeRun, resumeUnfinished, resumeWithCap } from '@/lib/runs/service';
import { loadWorkload, type RunWorkload } from '@/lib/runs/workload';
import { percent, renderWorkload } from '../render';
import { runsClient } from '../runs-client';
import { UsageError, type CliCommand } from '../command';
import { SPEND_OPTIONS, spendCapFrom } from '../model-options';
import { RUN_STATUS } from '@/lib/runs/status';

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'List stored runs, newest first (opens the database: stop the app server first when using PGlite)',
  usage: 'stop runs [--limit N] [--json]',
  options: { limit: { type: 'string' } },
  async run(values, _positionals, io) {
    const limit = typeof values.limit === 'string' ? Number(values.limit) : 50;
    const rows = (await listRuns({ limit })).map((run) => ({
      id: run.id,
      kind: run.kind,
      title: run.title,
      status: run.status,
      model: run.model,
      created_at: run.createdAt.toISOString(),
    }));
    io.result(rows, (data) =>
      data.length === 0
        ? 'No runs yet.'
        : data.map((run) => `${run.id}  ${run.status.padEnd(9)}  ${run.kind.padEnd(13)} ${run.title}`).join('\n'),
    );
  },
};

export const resumeCommand: CliCommand = {
  name: 'resume',
  summary:
    'Resume unfinished runs in this process from their last completed step (runs that crashed the server during a resume are quarantined), or one run by hand (a quarantined, failed or spend-capped one too)',
  usage: 'stop resume [RUN_ID] [--max-cost USD] [--max-tokens N] [--json]',
  options: { ...SPEND_OPTIONS },
  async run(values, positionals, io) {
    const one = positionals[0];
    const cap = spendCapFrom(values);
    if (cap && !one) throw new UsageError('--max-cost and --max-tokens raise the cap of one run: give its RUN_ID');
    let ids: string[];
    let quarantined: string[] = [];
    if (one) {
      ids = [one];
      if ((await findRun(one))?.status === RUN_STATUS.budgetReached) {
        if (!cap) throw new UsageError(`run ${one} stopped at its spend cap: resume it with a higher --max-cost or --max-tokens`);
        await (await resumeWithCap(one, cap)).finished;
      } else {
        await (await resumeRun(one)).finished;
      }
    } else {
      const unfinished = await resumeUnfinished();
      ({ resumed: ids, quarantined } = unfinished);
      await unfinished.finished;
    }
    const rows = (await listRuns({ limit: 500 })).filter((run) => ids.includes(run.id) || quarantined.includes(run.id));
    io.result(
      rows.map((run) => ({ id: run.id, status: run.status, ...(run.error ? { error: run.error } : {}) })),
      (data) =>
        data.length === 0
          ? 'Nothing to resume.'
          : data.map((run) => `${run.id} ${run.status}${run.error ? `: ${run.error.message}` : ''}`).join('\n'),
    );
  },
};

export const cancelCommand: CliCommand = {
  name: 'cancel',
  summary: 'Cancel a queued or running run (through the app server when it is up, else in the database)',
  usage: 'stop cancel RUN_ID [--json]',
  options: {},
  async run(_values, positionals, io) {
    const runId = positionals[0];
    if (!runId) throw new UsageError('stop cancel needs the id of a run (see `stop runs`)');
    const cancelled = await (await runsClient()).cancel(runId);
    io.result({ id: runId, cancelled }, (data) =>
      data.cancelled ? `${data.id} cancelled` : `${data.id} had already ended; nothing to cancel`,
    );
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'One run: its status, result and workload (distinct programs, cache misses, evaluations), from the record',
  usage: 'stop show RUN_ID [--json]',
  options: {},
  async run(_values, positionals, io) {
    const runId = positionals[0];
    if (!runId) throw new UsageError('stop show needs the id of a run (see `stop runs`)');
    const run = await findRun(runId);
    if (!run) throw new UsageError(`there is no run ${runId} (see \`stop runs\`)`);
    // Runs recorded before results carried their workload get it computed from the record.
    const workload = (run.result?.workload as RunWorkload | undefined) ?? (await loadWorkload(run.id));
    const iterations = Array.isArray(run.result?.iterations)
      ? (run.result.iterations as { iteration: number; train_meta_utility_mean: number; test_meta_utility_mean: number; test_standard_error: number }[])
      : [];
    io.result(
      { id: run.id, kind: run.kind, title: run.title, status: run.status, model: run.model, error: run.error, result: run.result, workload },
      (data) =>
        [
          `${data.id} ${data.status} — ${data.kind} "${data.title}", model ${data.model}`,
          ...(data.error ? [`error: ${data.error.message}`] : []),
          ...(iterations.length
            ? ['iteration  train û   test û ± se', ...iterations.map((row) => `${String(row.iteration).padStart(9)}  ${percent(row.train_meta_utility_mean).padStart(7)}  ${percent(row.test_meta_utility_mean).padStart(7)} ± ${percent(row.test_standard_error)}`)]
            : []),
          renderWorkload(data.workload),
        ].join('\n'),
    );
  },
};
