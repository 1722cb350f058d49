import 'server-only';
import { contentHash } from '@/db/ids';
import { extractCode } from '@/lib/lm/extract-code';
import { mean, standardError } from '@/lib/analysis/statistics';
import { shownDescription } from '@/lib/tasks/shown-description';
import type { CopyFailureRule } from '@/lib/runs/config';
import type { TaskDefinition } from '@/lib/tasks/types';
import { memoStep, runEach, type EngineContext } from './context';
import { emitInvocationEvents, invokeImprover, type InvocationResult, type TracedUtilityHost } from './invoke';
import { scoreSolution } from './utility';
import { downstreamStepKey } from './step-keys';

/** Where a measurement belongs in the run, for events and step keys. */
export interface Scope {
  repeat: number;
  iteration: number | null;
}

/** One copy: the improver run on the task, its final solution and that solution's training utility. */
export interface CopyOutcome extends InvocationResult {
  train: number;
}

export interface MetaUtilityMeasurement {
  mean: number;
  standardError: number;
  values: number[];
  copies: CopyOutcome[];
}

/** The downstream utility u given to an improver: training instances only, budget counted on the host. */
export async function taskUtilityHost(ctx: EngineContext, task: TaskDefinition): Promise<TracedUtilityHost> {
  return {
    description: await shownDescription(task, ctx.utilityForm),
    budget: ctx.budgets.utilityCalls,
    failureValue: task.failureValue,
    evaluate: (solution) => scoreSolution(ctx, task, 'train', solution),
  };
}

/**
 * Starts scoring the programs in fresh model responses before the improver asks for them: when it
 * does, the answer is already cached or in flight. The improver's utility budget counts only its own
 * calls, so speculation never changes what it may do.
 */
function speculate(ctx: EngineContext, task: TaskDefinition, responses: string[]): void {
  for (const response of responses) {
    const code = extractCode(response);
    if (!code || ctx.signal.aborted) continue;
    scoreSolution(ctx, task, 'train', code).catch(() => undefined);
  }
}

function copyStepKey(scope: Scope, improverCode: string, task: TaskDefinition, copy: number, fresh: boolean): string {
  const step = { repeat: scope.repeat, improverHash: contentHash(improverCode), taskId: task.id, copy };
  return downstreamStepKey(fresh ? { ...step, fresh: scope.iteration ?? 0 } : step);
}

/** Runs the improver on one copy of the task (once per run; a resumed run reuses the stored outcome). */
export async function runCopy(
  ctx: EngineContext,
  improverCode: string,
  task: TaskDefinition,
  copy: number,
  scope: Scope,
  fresh = false,
): Promise<CopyOutcome> {
  const stepKey = copyStepKey(scope, improverCode, task, copy, fresh);
  const { value, cached } = await memoStep(ctx, stepKey, async (): Promise<CopyOutcome> => {
    const result = await invokeImprover(ctx, {
      improverCode,
      initialSolution: task.seedSolution,
      utility: await taskUtilityHost(ctx, task),
      stepKey,
      onResponses: ctx.schedule === 'sequential' ? undefined : (responses) => speculate(ctx, task, responses),
    });
    const train = result.solution === null ? task.failureValue : (await scoreSolution(ctx, task, 'train', result.solution)).utility;
    return { ...result, train };
  });
  if (!cached) emitInvocationEvents(ctx, value, { repeat: scope.repeat, iteration: scope.iteration, stepKey });
  return value;
}

/** A copy raised: the improver gave no solution (an exception, a time-out, a non-string). */
export function copyRaised(outcome: InvocationResult): boolean {
  return outcome.solution === null;
}

/**
 * û from the copies' training utilities. Under the reference's rule ('zero', the default) one copy
 * that raised makes the whole meta-utility 0; under 'average' it counts as the task's failure value.
 */
export function metaUtilityOf(values: number[], outcomes: InvocationResult[], rule: CopyFailureRule = 'zero'): number {
  return rule === 'zero' && outcomes.some(copyRaised) ? 0 : mean(values);
}

/** û(I): the mean training utility of the improver's solutions over `copies` copies of the task, in parallel. */
export async function measureMetaUtility(
  ctx: EngineContext,
  improverCode: string,
  task: TaskDefinition,
  copies: number,
  scope: Scope,
): Promise<MetaUtilityMeasurement> {
  const outcomes = await runEach(ctx, copies, (copy) => runCopy(ctx, improverCode, task, copy, scope));
  const values = outcomes.map((outcome) => outcome.train);
  return { mean: metaUtilityOf(values, outcomes, ctx.copyFailure), standardError: standardError(values), values, copies: outcomes };
}

/**
 * The test meta-utility measured as the reference logs it: the improver re-run on `copies` fresh
 * copies (their own step keys, tagged with the iteration), their solutions scored on held-out test
 * instances. Independent of the copies whose training utility selected the improver, so it carries
 * no winner's curse.
 */
export async function measureFreshTestMetaUtility(
  ctx: EngineContext,
  improverCode: string,
  task: TaskDefinition,
  copies: number,
  scope: Scope,
): Promise<{ mean: number; standardError: number; values: number[] }> {
  const outcomes = await runEach(ctx, copies, (copy) => runCopy(ctx, improverCode, task, copy, scope, true));
  const values = outcomes.map((outcome) => outcome.train);
  return measureTestMetaUtility(ctx, { mean: mean(values), standardError: standardError(values), values, copies: outcomes }, task);
}

/**
 * The test meta-utility of given copies: their final solutions scored on held-out test instances,
 * which never reach the improver. A copy that raised counts as the failure value (as the reference
 * logs test values).
 */
export async function measureTestMetaUtility(
  ctx: EngineContext,
  measurement: MetaUtilityMeasurement,
  task: TaskDefinition,
): Promise<{ mean: number; standardError: number; values: number[] }> {
  const values = await Promise.all(
    measurement.copies.map(async (outcome) =>
      outcome.solution === null ? task.failureValue : (await scoreSolution(ctx, task, 'test', outcome.solution)).utility,
    ),
  );
  return { mean: mean(values), standardError: standardError(values), values };
}
