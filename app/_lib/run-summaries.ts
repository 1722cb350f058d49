import 'server-only';
import { listImproversOfRuns } from '@/db/queries/improvers';
import type { Improver, Run } from '@/db/schema';
import type { RunRow } from '@/components/runs/table-view';
import { figure4Data, finalSummary, type RepeatPoint } from '@/lib/charts/figure4';
import { RUN_STATUS } from '@/lib/runs/status';

export function repeatPoints(improvers: readonly Improver[]): RepeatPoint[] {
  return improvers.map((i) => ({ repeat: i.repeat, iteration: i.iteration, train: i.trainMetaUtility, test: i.testMetaUtility }));
}

export function taskOf(run: Run): string {
  const taskId = run.config.taskId;
  return typeof taskId === 'string' ? taskId : '—';
}

/** A label that tells runs apart: title, model and creation time (UTC). */
export function runLabel(run: Pick<Run, 'id' | 'title' | 'model' | 'createdAt'>): string {
  return `${run.title || run.id} · ${run.model} · ${run.createdAt.toISOString().slice(0, 16).replace('T', ' ')}`;
}

export function iterationsOf(run: Run): number | null {
  const value = run.config.iterations;
  return typeof value === 'number' ? value : null;
}

/** The runs table's rows (view types), with whether each STOP run's seed differs from the stock seed. */
export async function runRows(runs: readonly Run[], stockSeed: string): Promise<RunRow[]> {
  const improvers = await listImproversOfRuns(runs.map((run) => run.id));
  const byRun = new Map<string, Improver[]>();
  for (const improver of improvers) byRun.set(improver.runId, [...(byRun.get(improver.runId) ?? []), improver]);
  return runs.map((run) => {
    const points = repeatPoints(byRun.get(run.id) ?? []);
    const data = figure4Data(points);
    return {
      id: run.id,
      kind: run.kind,
      title: run.title || run.id,
      status: run.status,
      error: run.status === RUN_STATUS.failed ? (run.error?.message ?? 'failed') : null,
      taskId: taskOf(run),
      provider: run.provider,
      model: run.model,
      tags: run.tags,
      note: run.note,
      createdAt: run.createdAt.toISOString(),
      seedEdited: run.kind === 'stop' && stockSeed !== '' && run.seedImprover.trim() !== stockSeed.trim(),
      perIteration: data.rows.map((row) => row.testMean),
      final: finalSummary(data),
      points,
    };
  });
}
