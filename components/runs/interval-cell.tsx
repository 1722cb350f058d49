import { intervalBar } from '@/lib/charts/interval';

/** A point estimate with its interval drawn on a shared scale [0, max]. */
export function IntervalCell({ value, low, high, max, label }: { value: number; low: number; high: number; max: number; label: string }) {
  const bar = intervalBar(low, high, value, max);
  return (
    <div className="relative h-4 w-40 rounded bg-zinc-100 dark:bg-zinc-800" role="img" aria-label={label}>
      <div className="absolute top-1.5 h-1 rounded bg-accent-300 dark:bg-accent-500/60" style={{ left: `${bar.left}%`, width: `${bar.width}%` }} />
      <div className="absolute top-0.5 h-3 w-0.5 rounded bg-accent-600 dark:bg-accent-300" style={{ left: `calc(${bar.marker}% - 1px)` }} />
    </div>
  );
}
