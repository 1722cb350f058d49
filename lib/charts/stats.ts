/** Mean of finite values; null when there are none. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Standard error of the mean (sample standard deviation / √n); 0 for a single value, null for none. */
export function standardError(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  if (values.length < 2) return 0;
  const variance = values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

export function finite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}
