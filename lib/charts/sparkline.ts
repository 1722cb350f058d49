/** An SVG path for a small trend line; values are meta-utilities in [0, 1] (nulls are skipped). */
export interface Sparkline {
  path: string;
  lastPoint: { x: number; y: number } | null;
  trend: 'up' | 'down' | 'flat' | 'none';
}

export function sparkline(values: readonly (number | null)[], width: number, height: number, pad = 2): Sparkline {
  const points = values
    .map((value, index) => ({ value, index }))
    .filter((p): p is { value: number; index: number } => typeof p.value === 'number' && Number.isFinite(p.value));
  if (points.length === 0) return { path: '', lastPoint: null, trend: 'none' };
  const low = Math.min(...points.map((p) => p.value));
  const high = Math.max(...points.map((p) => p.value));
  const span = high - low || 1;
  const steps = Math.max(1, values.length - 1);
  const coords = points.map((p) => ({
    x: round(pad + (p.index / steps) * (width - 2 * pad)),
    y: round(high === low ? height / 2 : pad + (1 - (p.value - low) / span) * (height - 2 * pad)),
  }));
  const path = coords.map((c, i) => `${i === 0 ? 'M' : 'L'}${c.x} ${c.y}`).join(' ');
  const first = points[0]!.value;
  const last = points.at(-1)!.value;
  const trend = points.length < 2 || Math.abs(last - first) < 1e-9 ? 'flat' : last > first ? 'up' : 'down';
  return { path, lastPoint: coords.at(-1) ?? null, trend };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
