import type { RunWorkload } from '@/lib/runs/workload';

/** Human renderings shared by commands. */
export const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : 'n/a');

export function renderWorkload(workload: RunWorkload): string {
  const imperfect = Object.entries(workload.scripted_imperfections ?? {}).map(([kind, count]) => `${kind} ${count}`);
  return [
    `workload: ${workload.solution_utility_calls} solution utility calls, ${workload.distinct_solutions} distinct (cache misses ${percent(workload.cache_miss_rate)}); ${workload.sandbox_evaluations} sandbox evaluations`,
    `model programs: ${workload.distinct_model_programs} distinct of ${workload.model_programs}${imperfect.length ? `; imperfect on purpose: ${imperfect.join(', ')}` : ''}`,
  ].join('\n');
}
