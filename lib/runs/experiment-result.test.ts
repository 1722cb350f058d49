import { describe, expect, test } from 'vitest';
import { experimentResultRows } from './experiment-result';

describe('experimentResultRows', () => {
  test('an improve run: before and after, training and test, and what the improver did', () => {
    const rows = experimentResultRows('improve', {
      task: 'lpn',
      utility_before: 0.495,
      utility_after: 0.748,
      test_utility_after: 0.678,
      lm_calls: 1,
      utility_calls: 6,
      duration_ms: 1132,
      flags: ['returned_original'],
      error: null,
    });
    expect(rows?.map((row) => row.label)).toEqual([
      'Task',
      'u(s): seed solution, training',
      'u(I(u, s, L)): improved, training',
      'Improved, held-out test',
      'LM calls',
      'Utility calls',
      'Improver time',
      'Flags',
    ]);
    expect(rows?.[2]?.value).toEqual({ format: 'percent', value: 0.748 });
    expect(rows?.[7]?.value).toEqual({ format: 'text', value: 'returned_original' });
  });

  test('a failed improver: no score after, and its error', () => {
    const rows = experimentResultRows('improve', { task: 'lpn', utility_before: 0.5, utility_after: null, test_utility_after: null, flags: [], error: { code: 'timeout', message: 'the improver ran too long' } });
    expect(rows?.[2]?.value).toEqual({ format: 'percent', value: null });
    expect(rows?.at(-1)).toEqual({ label: 'Improver error', value: { format: 'text', value: 'the improver ran too long' } });
  });

  test('meta-utility and baseline runs carry their standard errors; STOP runs and missing results have no rows', () => {
    expect(experimentResultRows('meta-utility', { meta_utility: 0.7, meta_utility_standard_error: 0.02, test_meta_utility: 0.65, test_standard_error: 0.03, runs: [{}, {}] })?.[1]).toEqual({
      label: 'Test meta-utility',
      value: { format: 'percent', value: 0.65, standardError: 0.03 },
    });
    expect(experimentResultRows('baseline', { baseline: 'chain-of-thought', test_meta_utility: 0.58, test_standard_error: 0.01, error_rate: 0 })?.[0]?.value).toEqual({ format: 'text', value: 'chain-of-thought' });
    expect(experimentResultRows('stop', { iterations: [] })).toBeNull();
    expect(experimentResultRows('improve', null)).toBeNull();
  });
});
