import { Link } from '@/components/ui/link';
import { CompareChart } from '@/components/charts/compare-chart';
import { Figure4Chart } from '@/components/charts/figure4-chart';
import { ModelBadge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { pct, pctPm } from '@/components/ui/format';
import type { RunComparison } from '@/lib/analysis/run-comparison';
import type { BaselineReference } from '@/lib/charts/baselines';
import type { CompareRow, CompareSummary, ComparePanel } from '@/lib/charts/compare';
import { PairedComparison } from './paired-comparison';

export interface CompareView {
  runs: { id: string; label: string; title: string; provider: string; model: string; taskId: string; status: string }[];
  baselines: { id: string; label: string; status: string }[];
  references: BaselineReference[];
  chart: { rows: CompareRow[]; summaries: CompareSummary[]; domain: [number, number] };
  panels: ComparePanel[];
  /** Each run against the first chosen. */
  comparisons: { a: string; b: string; comparison: RunComparison }[];
}

function RunName({ id, text, linked }: { id: string; text: string; linked: boolean }) {
  return linked ? <Link href={`/runs/${id}`} className="font-medium hover:text-accent-700 dark:hover:text-accent-300">{text}</Link> : <span className="font-medium">{text}</span>;
}

/**
 * The body of Compare (and of a shared comparison): baselines, the runs on one chart or as the paper's
 * panels, the statistics against the first run, and the final numbers. `linked`: run names link to runs.
 */
export function CompareBody({ view, panels, linked }: { view: CompareView; panels: boolean; linked: boolean }) {
  const { runs, baselines, references, chart } = view;
  const labelOf = (id: string) => runs.find((run) => run.id === id)?.label ?? id;
  return (
    <>
      {baselines.length > 0 && (
        <Card title="Baselines" description="§5.1 of the paper: drawn as reference lines on the charts below.">
          <ul className="space-y-1 text-sm" data-testid="compare-baselines">
            {baselines.map((run) => {
              const reference = references.find((r) => r.runId === run.id);
              return (
                <li key={run.id}>
                  <RunName id={run.id} text={run.label} linked={linked} />
                  {' — '}
                  {reference ? `test û ${pctPm(reference.value, reference.standardError)}` : `no result (${run.status})`}
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {runs.length > 0 && (
        <>
          {panels ? (
            <div className="grid gap-4 lg:grid-cols-3" data-testid="compare-panels">
              {view.panels.map((panel) => (
                <Card key={panel.runId} title={panel.label} description="Test meta-utility per iteration: repeats, mean ± 1 s.e., train dashed.">
                  <Figure4Chart data={panel.data} height={260} references={references} />
                </Card>
              ))}
            </div>
          ) : (
            <Card title="Test meta-utility per iteration" description="Mean over repeats with ± 1 standard error bands; baselines as dotted reference lines.">
              <CompareChart rows={chart.rows} runs={chart.summaries.map((s) => ({ runId: s.runId, label: s.label }))} domain={chart.domain} references={references} />
            </Card>
          )}
          {view.comparisons.length > 0 && (
            <Card id="significance" title="Is the difference real?" description={`Each run against the first chosen (${runs[0]!.label}): final test meta-utility per repeat, paired by repeat when both runs were launched with the same seed, otherwise Welch's unequal-variance t-test. No test is made when it would mean nothing.`}>
              <div className="space-y-6 divide-y divide-zinc-100 dark:divide-zinc-800">
                {view.comparisons.map(({ a, b, comparison }) => (
                  <div key={b} className="pt-4 first:pt-0">
                    <PairedComparison a={{ runId: a, label: labelOf(a) }} b={{ runId: b, label: labelOf(b) }} comparison={comparison} />
                  </div>
                ))}
              </div>
            </Card>
          )}
          <Card title="Final numbers" bodyClassName="overflow-x-auto">
            <table className="w-full min-w-[720px] text-sm">
              <thead>
                <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                  <th className="px-4 py-2.5">Run</th>
                  <th className="px-4 py-2.5">Model</th>
                  <th className="px-4 py-2.5">Task</th>
                  <th className="px-4 py-2.5 text-right">Seed û (it. 0)</th>
                  <th className="px-4 py-2.5 text-right">Final test û</th>
                  <th className="px-4 py-2.5 text-right">Change</th>
                  <th className="px-4 py-2.5 text-right">Repeats</th>
                </tr>
              </thead>
              <tbody>
                {chart.summaries.map((summary) => {
                  const run = runs.find((r) => r.id === summary.runId)!;
                  return (
                    <tr key={summary.runId} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                      <td className="px-4 py-2"><RunName id={run.id} text={run.label} linked={linked} /></td>
                      <td className="px-4 py-2"><ModelBadge provider={run.provider} model={run.model} /></td>
                      <td className="px-4 py-2 font-mono text-xs">{run.taskId}</td>
                      <td className="px-4 py-2 text-right tabular-nums">{pct(summary.seed)}</td>
                      <td className="px-4 py-2 text-right tabular-nums">{pctPm(summary.final, summary.finalSe)}{summary.finalIteration !== null && <span className="ml-1 text-xs text-zinc-600 dark:text-zinc-400">(T={summary.finalIteration})</span>}</td>
                      <td className={`px-4 py-2 text-right tabular-nums ${summary.delta === null ? '' : summary.delta > 0 ? 'text-emerald-700 dark:text-emerald-400' : summary.delta < 0 ? 'text-rose-700 dark:text-rose-400' : ''}`}>
                        {summary.delta === null ? '—' : `${summary.delta >= 0 ? '+' : '−'}${(Math.abs(summary.delta) * 100).toFixed(1)} pts`}
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">{summary.repeats}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
        </>
      )}
    </>
  );
}
