import 'server-only';
import { listImproversOfRuns } from '@/db/queries/improvers';
import type { Improver, Run } from '@/db/schema';
import { figure4Data, finalSummary, type RepeatPoint } from '@/lib/charts/figure4';
import type { RunSummary } from '@/lib/runs/views';

export function repeatPoints(improvers: readonly Improver[]): RepeatPoint[] {
  return improvers.map((i) => ({ repeat: i.repeat, iteration: i.iteration, train: i.trainMetaUtility, test: i.testMetaUtility }));
}

export function taskOf(run: Run): string {
  const taskId = run.config.taskId;
  return typeof taskId === 'string' ? taskId : '—';
}

export function iterationsOf(run: Run): number | null {
  const value = run.config.iterations;
  return typeof value === 'number' ? value : null;
}

/** Per-run curve and final test meta-utility from the improvers table (one query for all runs). */
export async function summariseRuns(runs: readonly Run[]): Promise<RunSummary[]> {
  const improvers = await listImproversOfRuns(runs.map((run) => run.id));
  const byRun = new Map<string, Improver[]>();
  for (const improver of improvers) {
    const list = byRun.get(improver.runId) ?? [];
    list.push(improver);
    byRun.set(improver.runId, list);
  }
  return runs.map((run) => {
    const data = figure4Data(repeatPoints(byRun.get(run.id) ?? []));
    return { run, taskId: taskOf(run), perIteration: data.rows.map((row) => row.testMean), final: finalSummary(data) };
  });
}
