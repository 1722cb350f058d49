/** Geometry of an interval bar on a [0, max] scale, in percent of the track width. */
export function intervalBar(low: number, high: number, point: number, max: number): { left: number; width: number; marker: number } {
  const scale = max > 0 ? max : 1;
  const pct = (value: number) => Math.min(100, Math.max(0, (value / scale) * 100));
  const left = pct(Math.min(low, high));
  return { left, width: Math.max(0.5, pct(Math.max(low, high)) - left), marker: pct(point) };
}

/** A scale maximum that leaves room for the widest interval: the next "nice" step above it. */
export function niceMax(values: readonly number[]): number {
  const top = Math.max(0, ...values);
  if (top === 0) return 0.01;
  const magnitude = 10 ** Math.floor(Math.log10(top));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= top) return step * magnitude;
  }
  return 10 * magnitude;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}
