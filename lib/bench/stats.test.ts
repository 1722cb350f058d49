import { describe, expect, test } from 'vitest';
import { quantile, ratio, summarise } from './stats';

describe('benchmark statistics', () => {
  test('quantiles interpolate between closest ranks', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  test('summaries and ratios', () => {
    expect(summarise([5, 1, 9])).toEqual({ n: 3, p50_ms: 5, p95_ms: 8.6, min_ms: 1, max_ms: 9 });
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(10, 0)).toBeNull();
  });
});
