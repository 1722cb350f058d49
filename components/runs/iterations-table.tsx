import { Link } from '@/components/ui/link';
import { pct, pctPm } from '@/components/ui/format';
import type { Figure4Data } from '@/lib/charts/figure4';
import type { ImproverPoint } from '@/lib/runs/view-state';
import { StrategyTags } from './strategy-tags';

export interface IterationsTableProps {
  data: Figure4Data;
  points: ImproverPoint[];
  diffHref: (a: number, b: number) => string;
  onShowCode: (point: ImproverPoint) => void;
  selected: ImproverPoint | null;
}

/** A difference of two fractions in percentage points, signed ("+3.1 pts"); an en dash when unknown. */
function signedPoints(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const points = value * 100;
  return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

/** One row per (repeat, iteration): meta-utilities, adoption, strategy tags, code and diff links. */
export function IterationsTable({ data, points, diffHref, onShowCode, selected }: IterationsTableProps) {
  if (points.length === 0) return <p className="text-sm text-zinc-500">No improver recorded yet: iteration 0 is the seed improver.</p>;
  const previous = (p: ImproverPoint) => points.find((q) => q.repeat === p.repeat && q.iteration === p.iteration - 1);
  return (
    <div className="space-y-5">
      <div className="overflow-x-auto">
        <table className="w-full min-w-[520px] text-sm" aria-label="Mean meta-utility per iteration">
          <thead>
            <tr className="text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500">
              <th className="py-2 pr-4">Iteration</th>
              <th className="py-2 pr-4 text-right" title="Measured on fresh copies, independent of the selection">Test û, fresh (mean ± s.e.)</th>
              <th className="py-2 pr-4 text-right" title="Measured on the copies whose training û selected the improver">Test û, search</th>
              <th className="py-2 pr-4 text-right" title="search − fresh: how much the selecting copies overstate the test score">Selection bias</th>
              <th className="py-2 pr-4 text-right">Train û</th>
              <th className="py-2 pr-4 text-right">Repeats</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.iteration} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 pr-4">{row.iteration === 0 ? '0 · seed' : row.iteration}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{pctPm(row.testMean, row.testSe)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{pct(row.searchTestMean)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{signedPoints(row.selectionBias)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums">{pctPm(row.trainMean, row.trainSe)}</td>
                <td className="py-1.5 pr-4 text-right tabular-nums text-zinc-500">{row.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[720px] text-sm" aria-label="Improvers by repeat and iteration">
          <thead>
            <tr className="text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500">
              <th className="py-2 pr-4">Repeat</th>
              <th className="py-2 pr-4">Iteration</th>
              <th className="py-2 pr-4 text-right">Test û, fresh</th>
              <th className="py-2 pr-4 text-right">Test û, search</th>
              <th className="py-2 pr-4 text-right">Train û</th>
              <th className="py-2 pr-4">Adopted</th>
              <th className="py-2 pr-4">Strategies</th>
              <th className="py-2 pr-4"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => {
              const before = previous(p);
              const isSelected = selected?.repeat === p.repeat && selected.iteration === p.iteration;
              return (
                <tr key={`${p.repeat}:${p.iteration}`} className={`border-t border-zinc-100 dark:border-zinc-800 ${isSelected ? 'bg-accent-50/60 dark:bg-accent-500/10' : ''}`}>
                  <td className="py-1.5 pr-4 tabular-nums">{p.repeat}</td>
                  <td className="py-1.5 pr-4 tabular-nums">{p.iteration}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{pctPm(p.test, p.testSe)}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{pct(p.searchTest)}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums">{pct(p.train)}</td>
                  <td className="py-1.5 pr-4">{p.adopted ? 'yes' : <span className="text-amber-600 dark:text-amber-400">kept parent</span>}</td>
                  <td className="py-1.5 pr-4"><StrategyTags tags={p.strategyTags} /></td>
                  <td className="whitespace-nowrap py-1.5 pr-4 text-right">
                    {p.improverId !== null && (
                      <button type="button" onClick={() => onShowCode(p)} className="text-xs font-medium text-accent-600 hover:underline dark:text-accent-300">
                        code
                      </button>
                    )}
                    {p.improverId !== null && before?.improverId != null && (
                      <Link href={diffHref(before.improverId, p.improverId)} className="ml-3 text-xs font-medium text-accent-600 hover:underline dark:text-accent-300">
                        diff {before.iteration} → {p.iteration}
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
