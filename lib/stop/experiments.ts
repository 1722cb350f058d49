import 'server-only';
import { mean, standardError } from '@/lib/analysis/statistics';
import type { TaskDefinition } from '@/lib/tasks/types';
import type { EngineContext } from './context';
import { describeImprover } from './improver-profile';
import { measureMetaUtility, measureTestMetaUtility, runCopy } from './meta-utility';
import { scoreSolution } from './utility';
import { readProgram } from '@/lib/improvers/programs';

export interface ImproveOnceResult {
  task: string;
  utility_before: number;
  utility_after: number | null;
  test_utility_after: number | null;
  lm_calls: number;
  utility_calls: number;
  duration_ms: number;
  flags: string[];
  error: { code: string; message: string } | null;
}

/** One invocation I(u, s, L) on a task: u(s) before, u(I(u, s, L)) after on training and test instances. */
export async function improveOnce(ctx: EngineContext, improverCode: string, task: TaskDefinition): Promise<ImproveOnceResult> {
  const before = await scoreSolution(ctx, task, 'train', task.seedSolution);
  const outcome = await runCopy(ctx, improverCode, task, 0, { repeat: 0, iteration: null });
  const testAfter =
    outcome.solution === null ? null : (await scoreSolution(ctx, task, 'test', outcome.solution)).utility;
  const staticFlags = describeImprover(improverCode).findings.map((finding) => `static:${finding.rule}`);
  return {
    task: task.id,
    utility_before: before.utility,
    utility_after: outcome.solution === null ? null : outcome.train,
    test_utility_after: testAfter,
    lm_calls: outcome.lmCalls,
    utility_calls: outcome.utilityCalls,
    duration_ms: Math.round(outcome.durationMs),
    flags: [
      ...new Set([
        ...outcome.circumventions.map((attempt) => attempt.kind),
        ...staticFlags,
        ...(outcome.unchanged ? ['returned_original'] : []),
      ]),
    ],
    error: outcome.error,
  };
}

export interface MetaUtilityResult {
  meta_utility: number;
  meta_utility_standard_error: number;
  test_meta_utility: number;
  test_standard_error: number;
  runs: { copy: number; train: number; test: number; error: { code: string; message: string } | null }[];
}

/** û(I) over k copies on training instances, and the same solutions on held-out test instances. */
export async function metaUtilityOnce(
  ctx: EngineContext,
  improverCode: string,
  task: TaskDefinition,
  copies: number,
  repeat = 0,
): Promise<MetaUtilityResult> {
  const train = await measureMetaUtility(ctx, improverCode, task, copies, { repeat, iteration: null });
  const test = await measureTestMetaUtility(ctx, train, task);
  return {
    meta_utility: train.mean,
    meta_utility_standard_error: train.standardError,
    test_meta_utility: test.mean,
    test_standard_error: test.standardError,
    runs: train.copies.map((outcome, copy) => ({
      copy,
      train: outcome.train,
      test: test.values[copy]!,
      error: outcome.error,
    })),
  };
}

export interface TransferRow {
  task: string;
  utility_seed: number;
  meta_utility_baseline: number;
  meta_utility_baseline_standard_error: number;
  meta_utility_improver: number;
  meta_utility_improver_standard_error: number;
}

/** Table 1: per task, u(s), û(I_0) and û(I_T), all on held-out test instances. */
export async function transfer(
  ctx: EngineContext,
  improverCode: string,
  baselineCode: string,
  tasks: TaskDefinition[],
  copies: number,
): Promise<{ rows: TransferRow[] }> {
  const rows: TransferRow[] = [];
  for (const task of tasks) {
    const [seed, baseline, improver] = await Promise.all([
      scoreSolution(ctx, task, 'test', task.seedSolution),
      metaUtilityOnce(ctx, baselineCode, task, copies, 0),
      metaUtilityOnce(ctx, improverCode, task, copies, 1),
    ]);
    rows.push({
      task: task.id,
      utility_seed: seed.utility,
      meta_utility_baseline: baseline.test_meta_utility,
      meta_utility_baseline_standard_error: baseline.test_standard_error,
      meta_utility_improver: improver.test_meta_utility,
      meta_utility_improver_standard_error: improver.test_standard_error,
    });
  }
  return { rows };
}

export type BaselineName = 'chain-of-thought' | 'greedy-iterative';

export function baselineImprover(name: BaselineName): string {
  return readProgram(name);
}

/**
 * §5.1 baselines measured with the same test protocol: `repeats` independent measurements of the
 * baseline improver over k copies; mean ± standard error over repeats, with and without failed runs.
 */
export async function baseline(
  ctx: EngineContext,
  name: BaselineName,
  task: TaskDefinition,
  copies: number,
  repeats = 1,
): Promise<{ baseline: string; test_meta_utility: number; test_standard_error: number; error_rate: number }> {
  const results = await Promise.all(
    Array.from({ length: repeats }, (_, repeat) => metaUtilityOnce(ctx, baselineImprover(name), task, copies, repeat)),
  );
  const values = results.map((result) => result.test_meta_utility);
  const runs = results.flatMap((result) => result.runs);
  return {
    baseline: name,
    test_meta_utility: mean(values),
    test_standard_error: repeats > 1 ? standardError(values) : results[0]!.test_standard_error,
    error_rate: runs.filter((run) => run.error !== null).length / runs.length,
  };
}
