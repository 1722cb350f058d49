import { sparkline } from '@/lib/charts/sparkline';

const TREND_CLASS = {
  up: 'text-emerald-600 dark:text-emerald-400',
  down: 'text-rose-600 dark:text-rose-400',
  flat: 'text-zinc-500',
  none: 'text-zinc-400',
} as const;

/** Test meta-utility per iteration, as a tiny line (drawn on the server). */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const width = 96;
  const height = 24;
  const line = sparkline(values, width, height, 3);
  if (!line.path) return <span className="text-xs text-zinc-400">no data</span>;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className={TREND_CLASS[line.trend]}>
      <path d={line.path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      {line.lastPoint && <circle cx={line.lastPoint.x} cy={line.lastPoint.y} r={2.25} fill="currentColor" />}
    </svg>
  );
}
