import 'server-only';
import { contentHash } from '@/db/ids';
import { listImprovers } from '@/db/queries/improvers';
import { findStep } from '@/db/queries/steps';
import { findCandidateByStep, listImproverCandidates, listInvocationStepKeys, listLmCallCosts, listStepLmCalls } from '@/db/queries/research';
import type { Improver, Run } from '@/db/schema';
import { costPerIteration, type IterationCost } from '@/lib/charts/cost';
import { lineageData, type LineageData } from '@/lib/charts/lineage';
import { describeStep, invocationTrace, promptSummary } from '@/lib/charts/trace';
import { extractCode } from '@/lib/lm/extract-code';
import { improversOfRun } from './run-data';
import type { TracePageView, TraceProgram, TraceView } from '@/lib/runs/views';
import type { InvocationResult } from '@/lib/stop/invoke';
import { detectStrategyTags, mergeStrategyTags } from '@/lib/strategy-tags';
import { getBuiltinTask } from '@/lib/tasks/registry';
import { parseSelfImprovementStep } from '@/lib/stop/step-keys';

/** The lineage tree and the spend per iteration of a run, from its improvers, candidates and LM record. */
export async function loadRunResearch(runId: string): Promise<{ lineage: LineageData; costs: IterationCost[] }> {
  const [improvers, candidates, calls] = await Promise.all([improversOfRun(runId), listImproverCandidates(runId), listLmCallCosts(runId)]);
  const lineage = lineageData(
    improvers.map((improver) => ({
      id: improver.id,
      repeat: improver.repeat,
      iteration: improver.iteration,
      codeHash: improver.codeHash,
      adopted: improver.adopted,
      train: improver.trainMetaUtility,
      test: improver.testMetaUtility,
      testSe: improver.testStandardError,
      strategyTags: mergeStrategyTags(improver.strategyTags, improver.code),
    })),
    candidates.map((candidate) => ({
      id: candidate.id,
      repeat: candidate.repeat,
      iteration: candidate.iteration,
      codeHash: candidate.codeHash,
      utility: candidate.utility,
      error: candidate.error ? `${candidate.error.code}: ${candidate.error.message}` : null,
      strategyTags: detectStrategyTags(candidate.code),
    })),
  );
  const programs = [
    ...improvers.map(({ repeat, iteration, codeHash }) => ({ repeat, iteration, codeHash })),
    ...candidates.map(({ repeat, iteration, codeHash }) => ({ repeat, iteration, codeHash })),
  ];
  return { lineage, costs: costPerIteration(calls, programs) };
}

const MAX_TRACE_RESULT_CALLS = 1_000;

function asInvocation(value: unknown): InvocationResult | null {
  if (!value || typeof value !== 'object') return null;
  const result = value as Partial<InvocationResult>;
  return typeof result.durationMs === 'number' ? (result as InvocationResult) : null;
}

/** Looks a utility call's program up in the records: candidates, the model's answers, the inputs. */
async function findProgram(
  run: Run,
  stepKey: string,
  programHash: string,
  responses: readonly string[],
  improvers: readonly Improver[],
): Promise<{ code: string | null; source: string }> {
  const improve = parseSelfImprovementStep(stepKey);
  if (improve) {
    const candidate = await findCandidateByStep(run.id, `r${improve.repeat}/t${improve.iteration}/cand/${programHash}`);
    if (candidate) return { code: candidate.code, source: `candidate improver #${candidate.id}` };
  }
  for (const response of responses) {
    const code = extractCode(response);
    if (code !== null && contentHash(code) === programHash) return { code, source: 'a model response of this invocation' };
  }
  const improver = improvers.find((row) => row.codeHash === programHash);
  if (improver) return { code: improver.code, source: `the improver of repeat ${improver.repeat}, iteration ${improver.iteration}` };
  const task = typeof run.config.taskId === 'string' ? getBuiltinTask(run.config.taskId) : undefined;
  if (task && contentHash(task.seedSolution) === programHash) return { code: task.seedSolution, source: 'the task’s seed solution' };
  return { code: null, source: 'not found in the records of this run' };
}

/** One invocation's timeline; `call` (1-based) picks a utility call whose program is shown. */
export async function loadTrace(run: Run, stepKey: string, call: number | null): Promise<TraceView | null> {
  const step = await findStep(run.id, stepKey);
  const invocation = asInvocation(step?.result);
  if (!step || !invocation) return null;
  const calls = await listStepLmCalls(run.id, stepKey);
  const trace = invocationTrace(
    {
      endedAt: step.createdAt.getTime(),
      durationMs: invocation.durationMs,
      utilityTrace: Array.isArray(invocation.utilityTrace) ? invocation.utilityTrace.slice(0, MAX_TRACE_RESULT_CALLS) : null,
      error: invocation.error,
      circumventions: Array.isArray(invocation.circumventions) ? invocation.circumventions : [],
      returnedHash: invocation.solution === null ? null : contentHash(invocation.solution),
      unchanged: invocation.unchanged,
    },
    calls.map((row) => {
      const request = row.request as { messages?: unknown; temperature?: unknown };
      const messages = Array.isArray(request.messages) ? request.messages.filter((m): m is string => typeof m === 'string') : [];
      return {
        id: row.id,
        endedAt: row.createdAt.getTime(),
        latencyMs: row.latencyMs,
        n: row.responses.length,
        temperature: typeof request.temperature === 'number' ? request.temperature : null,
        promptTokens: row.promptTokens,
        completionTokens: row.completionTokens,
        costUsd: row.costUsd,
        retries: row.retries,
        error: row.error,
        promptSummary: promptSummary(messages),
      };
    }),
  );
  const described = describeStep(stepKey);
  let selected: TraceProgram | null = null;
  const chosen = call === null ? undefined : trace.entries.find((entry) => entry.kind === 'utility' && entry.index === call);
  if (chosen?.kind === 'utility') {
    const found = await findProgram(run, stepKey, chosen.programHash, calls.flatMap((row) => row.responses), await listImprovers(run.id));
    selected = { index: chosen.index, programHash: chosen.programHash, ...found };
  }
  return { stepKey, label: described.label, kind: described.kind, trace, returned: invocation.solution, selected };
}

/** The invocations of a run that have a trace, self-improvement steps first. */
export async function listTraceableSteps(runId: string): Promise<{ stepKey: string; label: string; kind: string }[]> {
  const keys = await listInvocationStepKeys(runId);
  return keys
    .map((stepKey) => ({ stepKey, ...describeStep(stepKey) }))
    .sort((a, b) => (a.kind === b.kind ? a.stepKey.localeCompare(b.stepKey, 'en', { numeric: true }) : a.kind === 'self-improvement' ? -1 : 1));
}

function single(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && text !== '' && text.length <= 500 ? text : null;
}

/** The trace page of a run: its invocations (optionally those under a step-key prefix) and the chosen one. */
export async function loadTracePage(run: Run, query: Record<string, string | string[] | undefined>): Promise<TracePageView> {
  const prefix = single(query.prefix);
  const all = await listTraceableSteps(run.id);
  const steps = prefix ? all.filter((step) => step.stepKey.startsWith(prefix)) : all;
  const step = single(query.step) ?? (prefix ? (steps[0]?.stepKey ?? null) : null);
  const callText = single(query.call);
  const call = callText && /^\d{1,6}$/.test(callText) ? Number(callText) : null;
  return { steps, step, prefix, view: step ? await loadTrace(run, step, call) : null };
}
