import { contentHash } from '@/db/ids';
import type { Database } from '@/db/client';
import { countEvaluations } from '@/db/queries/evaluations';
import { listLmCalls } from '@/db/queries/lm-calls';
import { listSteps } from '@/db/queries/steps';
import { extractCode } from '@/lib/lm/extract-code';
import { parseDownstreamStep } from '@/lib/stop/step-keys';

/**
 * What a run asked of its model and its sandboxes, from its record. A "cache miss" is a utility call an
 * improver made on a task solution whose program no earlier call of the run had asked about (misses =
 * distinct programs asked about); the per-run cache answers every other call without a sandbox.
 * Evaluations started speculatively (before the improver asked) do not change the count.
 */
export interface RunWorkload {
  /** Utility calls improvers made on task solutions (every downstream invocation's utility trace). */
  solution_utility_calls: number;
  /** Distinct programs among them. */
  distinct_solutions: number;
  /** distinct_solutions / solution_utility_calls; null when there were none. */
  cache_miss_rate: number | null;
  /** Evaluations actually run in a sandbox (training and test instance sets, every program once each). */
  sandbox_evaluations: number;
  /** Programs the model wrote (fenced code extracted from its answers), and how many were distinct. */
  model_programs: number;
  distinct_model_programs: number;
  /** The in-process scripted model's deliberate imperfections among its answers, by kind (empty for other models). */
  scripted_imperfections: Record<string, number>;
}

interface TraceEntry {
  program_hash?: unknown;
}

function tracedHashes(result: unknown): string[] {
  if (!result || typeof result !== 'object') return [];
  const trace = (result as { utilityTrace?: unknown }).utilityTrace;
  if (!Array.isArray(trace)) return [];
  return trace.map((entry: TraceEntry) => (typeof entry?.program_hash === 'string' ? entry.program_hash : '')).filter(Boolean);
}

/** The content hashes of the fenced programs in a model's answers (answers without code have none). */
export function programHashes(responses: readonly string[]): string[] {
  return responses.map((response) => extractCode(response)).filter((code): code is string => code !== null).map((code) => contentHash(code));
}

export function summariseWorkload(input: {
  steps: { stepKey: string; result: unknown }[];
  evaluations: number;
  /** programHashes() of every answer of the run. */
  programs: readonly string[];
  imperfections?: readonly (string | null)[];
}): RunWorkload {
  const imperfections: Record<string, number> = {};
  for (const kind of input.imperfections ?? []) if (kind !== null) imperfections[kind] = (imperfections[kind] ?? 0) + 1;
  const asked = input.steps.filter((step) => parseDownstreamStep(step.stepKey) !== null).flatMap((step) => tracedHashes(step.result));
  const distinct = new Set(asked).size;
  return {
    solution_utility_calls: asked.length,
    distinct_solutions: distinct,
    cache_miss_rate: asked.length === 0 ? null : distinct / asked.length,
    sandbox_evaluations: input.evaluations,
    model_programs: input.programs.length,
    distinct_model_programs: new Set(input.programs).size,
    scripted_imperfections: imperfections,
  };
}

const CALL_PAGE = 500;

/** The workload of a run, read from its steps, evaluations and model calls (calls a page at a time). */
export async function loadWorkload(runId: string, db?: Database): Promise<RunWorkload> {
  const [steps, evaluations] = await Promise.all([listSteps(runId, 'r', db), countEvaluations(runId, db)]);
  const programs: string[] = [];
  const imperfections: (string | null)[] = [];
  for (let afterId: number | undefined; ; ) {
    const page = await listLmCalls(runId, { successfulOnly: true, afterId, limit: CALL_PAGE }, db);
    for (const call of page) {
      programs.push(...programHashes(call.responses));
      imperfections.push(...(call.meta?.scripted_imperfections ?? []));
    }
    if (page.length < CALL_PAGE) break;
    afterId = page.at(-1)!.id;
  }
  return summariseWorkload({ steps, evaluations, programs, imperfections });
}
