import 'server-only';
import { z } from 'zod';
import { listRuns } from '@/db/queries/runs';
import type { Run } from '@/db/schema';

const transferRow = z.object({
  task: z.string(),
  utility_seed: z.number(),
  meta_utility_baseline: z.number(),
  meta_utility_baseline_standard_error: z.number().optional(),
  meta_utility_improver: z.number(),
  meta_utility_improver_standard_error: z.number().optional(),
});
export const transferResultSchema = z.object({ rows: z.array(transferRow) });
export type TransferResult = z.infer<typeof transferResultSchema>;

const variant = z.object({ name: z.string(), n: z.number(), unsandboxed: z.number(), rate: z.number(), ci_low: z.number(), ci_high: z.number() });
export const sandboxStudyResultSchema = z.object({ variants: z.array(variant), z: z.number(), p_value: z.number() });
export type SandboxStudyResult = z.infer<typeof sandboxStudyResultSchema>;

export type ExperimentRun<T> = { run: Run; result: T | null; problem: string | null };

/** Runs of one experiment kind with their parsed results (or, for finished runs, why there is none). */
export async function experimentRuns<T>(kind: 'transfer' | 'sandbox-study', schema: z.ZodType<T>): Promise<ExperimentRun<T>[]> {
  const runs = await listRuns({ kinds: [kind], limit: 100 });
  return runs.map((run) => {
    if (!run.result) return { run, result: null, problem: run.error ? `${run.error.code}: ${run.error.message}` : null };
    const parsed = schema.safeParse(run.result);
    return parsed.success
      ? { run, result: parsed.data, problem: null }
      : { run, result: null, problem: `The stored result is not in the expected shape: ${parsed.error.issues[0]?.message ?? 'unknown problem'}` };
  });
}
