import 'server-only';
import { contentHash } from '@/db/ids';
import { extractCode } from '@/lib/lm/extract-code';
import { mean, standardError } from '@/lib/analysis/statistics';
import { shownDescription } from '@/lib/tasks/shown-description';
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
    description: await shownDescription(task),
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

function copyStepKey(scope: Scope, improverCode: string, task: TaskDefinition, copy: number): string {
  return downstreamStepKey({ repeat: scope.repeat, improverHash: contentHash(improverCode), taskId: task.id, copy });
}

/** Runs the improver on one copy of the task (once per run; a resumed run reuses the stored outcome). */
export async function runCopy(
  ctx: EngineContext,
  improverCode: string,
  task: TaskDefinition,
  copy: number,
  scope: Scope,
): Promise<CopyOutcome> {
  const stepKey = copyStepKey(scope, improverCode, task, copy);
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
  return { mean: mean(values), standardError: standardError(values), values, copies: outcomes };
}

/**
 * The test meta-utility: the same copies' final solutions scored on held-out test instances,
 * which never reach the improver.
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
