import 'server-only';
import { listImproverScoresOfRuns, type ImproverScore } from '@/db/queries/improvers';
import type { RunListing } from '@/db/queries/runs';
import type { Improver, Run } from '@/db/schema';
import type { RunRow } from '@/components/runs/table-view';
import { figure4Data, finalSummary, type RepeatPoint } from '@/lib/charts/figure4';
import { isTerminal, RUN_STATUS } from '@/lib/runs/status';

export function repeatPoints(improvers: readonly Pick<Improver, 'repeat' | 'iteration' | 'trainMetaUtility' | 'testMetaUtility'>[]): RepeatPoint[] {
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

/** Curves of finished runs (their scores no longer change), by run id and last update. */
const CACHED_CURVES = 2000;
const finishedCurves = new Map<string, RepeatPoint[]>();
const curveKey = (run: RunListing) => `${run.id}\u0000${run.updatedAt.getTime()}`;

/** Each run's improver scores: finished runs from the cache, the others from the database. */
async function curvesOf(runs: readonly RunListing[]): Promise<Map<string, RepeatPoint[]>> {
  const curves = new Map<string, RepeatPoint[]>();
  for (const run of runs) {
    const cached = finishedCurves.get(curveKey(run));
    if (cached) curves.set(run.id, cached);
  }
  const scores = await listImproverScoresOfRuns(runs.filter((run) => !curves.has(run.id)).map((run) => run.id));
  const byRun = new Map<string, ImproverScore[]>();
  for (const score of scores) {
    const list = byRun.get(score.runId);
    if (list) list.push(score);
    else byRun.set(score.runId, [score]);
  }
  for (const run of runs) {
    if (curves.has(run.id)) continue;
    const points = repeatPoints(byRun.get(run.id) ?? []);
    curves.set(run.id, points);
    if (!isTerminal(run.status)) continue;
    finishedCurves.set(curveKey(run), points);
    if (finishedCurves.size > CACHED_CURVES) finishedCurves.delete(finishedCurves.keys().next().value!);
  }
  return curves;
}

/** The runs table's rows (view types): each run's curve from its improvers' scores. */
export async function runRows(runs: readonly RunListing[]): Promise<RunRow[]> {
  const curves = await curvesOf(runs);
  return runs.map((run) => {
    const points = curves.get(run.id) ?? [];
    const data = figure4Data(points);
    return {
      id: run.id,
      kind: run.kind,
      title: run.title || run.id,
      status: run.status,
      error: run.status === RUN_STATUS.failed ? (run.error?.message ?? 'failed') : null,
      taskId: run.taskId ?? '—',
      provider: run.provider,
      model: run.model,
      tags: run.tags,
      note: run.note,
      createdAt: run.createdAt.toISOString(),
      seedEdited: run.seedEdited,
      seedOrigin: run.seedOrigin,
      perIteration: data.rows.map((row) => row.testMean),
      final: finalSummary(data),
      points,
    };
  });
}
