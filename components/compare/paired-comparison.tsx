import type { RunComparison } from '@/lib/analysis/run-comparison';

const pts = (value: number) => (Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(2)} pts` : '—');
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pValue = (value: number) => (Number.isNaN(value) ? '—' : value < 0.0001 ? '< 0.0001' : value.toFixed(4));
const stat = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : value > 0 ? '∞' : value < 0 ? '−∞' : '—');

export interface PairedComparisonProps {
  a: { runId: string; label: string };
  b: { runId: string; label: string };
  comparison: RunComparison;
}

/** B against A on final test meta-utility: paired by repeat when seeds match, else Welch; the method is named. */
export function PairedComparison({ a, b, comparison }: PairedComparisonProps) {
  if (comparison.method === 'none') {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="comparison-none">
        {b.label} vs {a.label}: no test — {comparison.reason}.
      </p>
    );
  }
  const { test } = comparison;
  const method = comparison.method === 'paired' ? `Paired t-test (df = ${test.df})` : `Welch's t-test (df = ${stat(test.df, 2)})`;
  return (
    <div className="space-y-3" data-testid="paired-comparison">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm">
        <span>
          <strong>{b.label}</strong> − <strong>{a.label}</strong> at iteration {comparison.iteration}
        </span>
        <span data-testid="comparison-method" className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium dark:bg-zinc-800">{method}</span>
      </div>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <div><dt className="text-[11px] uppercase tracking-wider text-zinc-500">Mean difference</dt><dd className="font-semibold tabular-nums" data-testid="comparison-mean">{pts(test.meanDifference)}</dd></div>
        <div><dt className="text-[11px] uppercase tracking-wider text-zinc-500">Standard error</dt><dd className="tabular-nums" data-testid="comparison-se">± {Number.isFinite(test.standardError) ? (test.standardError * 100).toFixed(2) : '—'} pts</dd></div>
        <div><dt className="text-[11px] uppercase tracking-wider text-zinc-500">t</dt><dd className="tabular-nums">{stat(test.t)}</dd></div>
        <div><dt className="text-[11px] uppercase tracking-wider text-zinc-500">p (two-sided)</dt><dd className="tabular-nums" data-testid="comparison-p">{pValue(test.pValue)}</dd></div>
      </dl>
      <p className="text-xs text-zinc-500">Why this test: {comparison.reason}.</p>
      {comparison.method === 'paired' ? (
        <table className="w-full max-w-xl text-sm">
          <thead>
            <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800">
              <th className="px-3 py-1.5">Repeat</th>
              <th className="px-3 py-1.5 text-right">{a.label.split(' · ')[0]}</th>
              <th className="px-3 py-1.5 text-right">{b.label.split(' · ')[0]}</th>
              <th className="px-3 py-1.5 text-right">Difference</th>
            </tr>
          </thead>
          <tbody>
            {comparison.pairs.map((pair) => (
              <tr key={pair.repeat} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                <td className="px-3 py-1">{pair.repeat}</td>
                <td className="px-3 py-1 text-right tabular-nums">{pct(pair.a)}</td>
                <td className="px-3 py-1 text-right tabular-nums">{pct(pair.b)}</td>
                <td className={`px-3 py-1 text-right tabular-nums ${pair.difference > 0 ? 'text-emerald-700 dark:text-emerald-400' : pair.difference < 0 ? 'text-rose-600 dark:text-rose-400' : ''}`}>{pts(pair.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">
          {a.label}: mean {pct(comparison.test.meanA)} over {comparison.test.nA} repeats · {b.label}: mean {pct(comparison.test.meanB)} over {comparison.test.nB} repeats
        </p>
      )}
    </div>
  );
}
