import 'server-only';
import { listImproversOfRuns } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { compareRuns, type RunComparison, type RunRepeats } from '@/lib/analysis/run-comparison';
import { baselineReferences } from '@/lib/charts/baselines';
import { compareData, comparePanels, type CompareInput } from '@/lib/charts/compare';
import type { RepeatPoint } from '@/lib/charts/figure4';
import type { CompareView } from '@/components/compare/compare-view';
import { iterationsOf, repeatPoints, runLabel, taskOf } from './run-summaries';
import { isActive } from '@/lib/runs/status';


function comparisonSample(run: Run, points: RepeatPoint[]): RunRepeats {
  const measured = points.filter((point) => point.test !== null).map((point) => point.iteration);
  return {
    runId: run.id,
    label: runLabel(run),
    seed: typeof run.config.seed === 'number' ? run.config.seed : null,
    points,
    progress: { finished: !isActive(run.status), iteration: measured.length ? Math.max(...measured) : 0, iterations: iterationsOf(run) },
  };
}

/** Everything Compare draws for these runs (STOP runs and baselines), as view types; unknown ids are listed. */
export async function loadCompareView(ids: readonly string[]): Promise<{ view: CompareView; missing: string[] }> {
  const found = (await Promise.all(ids.map((id) => findRun(id)))).filter((run): run is Run => Boolean(run));
  const missing = ids.filter((id) => !found.some((run) => run.id === id));
  const runs = found.filter((run) => run.kind === 'stop');
  const baselines = found.filter((run) => run.kind === 'baseline');
  const improvers = await listImproversOfRuns(runs.map((run) => run.id));
  const pointsOf = (run: Run) => repeatPoints(improvers.filter((improver) => improver.runId === run.id));
  const inputs: CompareInput[] = runs.map((run) => ({ runId: run.id, label: runLabel(run), iterations: iterationsOf(run), points: pointsOf(run) }));
  const comparisons: { a: string; b: string; comparison: RunComparison }[] = [];
  const [first, ...others] = runs;
  if (first) {
    for (const other of others) comparisons.push({ a: first.id, b: other.id, comparison: compareRuns(comparisonSample(first, pointsOf(first)), comparisonSample(other, pointsOf(other))) });
  }
  return {
    missing,
    view: {
      runs: runs.map((run) => ({ id: run.id, label: runLabel(run), title: run.title || run.id, provider: run.provider, model: run.model, taskId: taskOf(run), status: run.status })),
      baselines: baselines.map((run) => ({ id: run.id, label: runLabel(run), status: run.status })),
      references: baselineReferences(baselines.map((run) => ({ id: run.id, title: runLabel(run), result: run.result }))),
      chart: compareData(inputs),
      panels: comparePanels(inputs),
      comparisons,
    },
  };
}
