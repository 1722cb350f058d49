/**
 * The numbers of a finished single experiment (improve, meta-utility, baseline) as rows for the run
 * page; a STOP run's numbers are its per-iteration chart and tables instead.
 */
export type ResultValue =
  | { format: 'percent'; value: number | null; standardError?: number }
  | { format: 'count'; value: number }
  | { format: 'ms'; value: number }
  | { format: 'text'; value: string };

export interface ResultRow {
  label: string;
  value: ResultValue;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const percent = (value: unknown, standardError?: unknown): ResultValue => {
  const se = num(standardError);
  return { format: 'percent', value: num(value), ...(se === null ? {} : { standardError: se }) };
};

export function experimentResultRows(kind: string, result: Record<string, unknown> | null): ResultRow[] | null {
  if (!result) return null;
  switch (kind) {
    case 'improve': {
      const flags = Array.isArray(result.flags) ? result.flags.filter((flag): flag is string => typeof flag === 'string') : [];
      const error = result.error as { message?: unknown } | null | undefined;
      return [
        { label: 'Task', value: { format: 'text', value: String(result.task ?? '—') } },
        { label: 'u(s): seed solution, training', value: percent(result.utility_before) },
        { label: 'u(I(u, s, L)): improved, training', value: percent(result.utility_after) },
        { label: 'Improved, held-out test', value: percent(result.test_utility_after) },
        { label: 'LM calls', value: { format: 'count', value: num(result.lm_calls) ?? 0 } },
        { label: 'Utility calls', value: { format: 'count', value: num(result.utility_calls) ?? 0 } },
        { label: 'Improver time', value: { format: 'ms', value: num(result.duration_ms) ?? 0 } },
        { label: 'Flags', value: { format: 'text', value: flags.join(', ') || 'none' } },
        ...(error && typeof error.message === 'string' ? [{ label: 'Improver error', value: { format: 'text', value: error.message } } as ResultRow] : []),
      ];
    }
    case 'meta-utility':
      return [
        { label: 'Meta-utility û (training)', value: percent(result.meta_utility, result.meta_utility_standard_error) },
        { label: 'Test meta-utility', value: percent(result.test_meta_utility, result.test_standard_error) },
        { label: 'Copies', value: { format: 'count', value: Array.isArray(result.runs) ? result.runs.length : 0 } },
      ];
    case 'baseline':
      return [
        { label: 'Baseline', value: { format: 'text', value: String(result.baseline ?? '—') } },
        { label: 'Test meta-utility', value: percent(result.test_meta_utility, result.test_standard_error) },
        { label: 'Copies that failed', value: percent(result.error_rate) },
      ];
    default:
      return null;
  }
}
