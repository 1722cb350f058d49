/** Baseline runs (§5.1) as horizontal reference lines on Figure 4 and Compare: pure. */

export interface BaselineReference {
  runId: string;
  label: string;
  /** Test meta-utility of the baseline, in [0, 1]. */
  value: number;
  standardError: number | null;
}

interface BaselineRunLike {
  id: string;
  title: string;
  result: Record<string, unknown> | null;
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The references of completed baseline runs; runs without a measured result are left out. */
export function baselineReferences(runs: readonly BaselineRunLike[]): BaselineReference[] {
  return runs.flatMap((run) => {
    const value = finite(run.result?.test_meta_utility);
    if (value === null) return [];
    const name = typeof run.result?.baseline === 'string' ? run.result.baseline : run.title;
    return [{ runId: run.id, label: `${name} baseline`, value: Math.min(1, Math.max(0, value)), standardError: finite(run.result?.test_standard_error) }];
  });
}

/** A y domain that also shows the reference lines. */
export function domainWithReferences(domain: [number, number], references: readonly BaselineReference[]): [number, number] {
  if (references.length === 0) return domain;
  const values = references.map((reference) => reference.value);
  const low = Math.min(domain[0], Math.floor(Math.min(...values) * 10) / 10);
  const high = Math.max(domain[1], Math.ceil(Math.max(...values) * 10) / 10);
  return [Math.max(0, low), Math.min(1, high)];
}
