import type { Metadata } from 'next';
import Link from 'next/link';
import { repeatPoints, iterationsOf, taskOf } from '@/app/_lib/run-summaries';
import { CompareChart } from '@/components/charts/compare-chart';
import { Figure4Chart } from '@/components/charts/figure4-chart';
import { ModelBadge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { pct, pctPm } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { listImproversOfRuns } from '@/db/queries/improvers';
import { findRun, listRuns } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { requireReader } from '@/lib/auth/session';
import { compareData, comparePanels } from '@/lib/charts/compare';
import { PairedComparison } from '@/components/compare/paired-comparison';
import { compareRuns } from '@/lib/analysis/run-comparison';

export const metadata: Metadata = { title: 'Compare runs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function selectedIds(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? value.split(',') : [];
  return [...new Set(list.map((id) => id.trim()).filter(Boolean))].slice(0, 12);
}

function label(run: Run): string {
  return `${run.model} · ${taskOf(run)} · ${run.id.slice(-5)}`;
}

function RunChooser({ runs, selected, panels }: { runs: Run[]; selected: string[]; panels: boolean }) {
  return (
    <form action="/compare" method="get">
      {panels && <input type="hidden" name="layout" value="panels" />}
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">Runs to compare</legend>
        {runs.map((run) => (
          <label key={run.id} className="flex cursor-pointer items-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm has-checked:border-accent-500 has-checked:bg-accent-50 dark:border-zinc-800 dark:bg-zinc-900 dark:has-checked:bg-accent-500/10">
            <input type="checkbox" name="runs" value={run.id} defaultChecked={selected.includes(run.id)} className="accent-accent-600" />
            <span className="max-w-[16rem] truncate">{run.title || run.id}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="mt-3 rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700">Compare</button>
    </form>
  );
}

export default async function ComparePage({ searchParams }: Props) {
  await requireReader('/compare');
  const params = await searchParams;
  const ids = selectedIds(params.runs);
  const panels = params.layout === 'panels';
  const layoutHref = (layout: 'panels' | 'one') => `/compare?${new URLSearchParams([...ids.map((id) => ['runs', id]), ...(layout === 'panels' ? [['layout', 'panels']] : [])]).toString()}`;
  const [candidates, chosen] = await Promise.all([
    listRuns({ limit: 60, kinds: ['stop'] }),
    Promise.all(ids.map((id) => findRun(id))),
  ]);
  const runs = chosen.filter((run): run is Run => Boolean(run));
  const missing = ids.filter((id) => !runs.some((run) => run.id === id));
  const improvers = await listImproversOfRuns(runs.map((run) => run.id));
  const inputs = runs.map((run) => ({ runId: run.id, label: label(run), iterations: iterationsOf(run), points: repeatPoints(improvers.filter((i) => i.runId === run.id)) }));
  const { rows, summaries, domain } = compareData(inputs);
  return (
    <>
      <PageHeader title="Compare runs" description="Several runs on one chart — for example the same set-up with different models, as in the panels of the paper's Figure 4 — and their final numbers." />
      <div className="space-y-6">
        {candidates.length === 0 ? (
          <EmptyState title="Nothing to compare yet">Launch two or more STOP runs, then tick them here or on the runs list.</EmptyState>
        ) : (
          <Card title="Runs" description="Choose the runs to plot.">
            <RunChooser runs={candidates} selected={ids} panels={panels} />
          </Card>
        )}
        {missing.length > 0 && <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">Unknown run{missing.length > 1 ? 's' : ''}: {missing.join(', ')}</p>}
        {runs.length > 0 && (
          <>
            <nav aria-label="Layout" className="flex gap-2 text-sm">
              <Link href={layoutHref('one')} aria-current={panels ? undefined : 'page'} className={panels ? 'text-accent-600 hover:underline dark:text-accent-300' : 'font-semibold'}>One chart</Link>
              <span className="text-zinc-400">·</span>
              <Link href={layoutHref('panels')} aria-current={panels ? 'page' : undefined} className={panels ? 'font-semibold' : 'text-accent-600 hover:underline dark:text-accent-300'}>Side by side (the paper&apos;s panels)</Link>
            </nav>
            {panels ? (
              <div className="grid gap-4 lg:grid-cols-3" data-testid="compare-panels">
                {comparePanels(inputs).map((panel) => (
                  <Card key={panel.runId} title={panel.label} description="Test meta-utility per iteration: repeats, mean ± 1 s.e., train dashed.">
                    <Figure4Chart data={panel.data} height={260} />
                  </Card>
                ))}
              </div>
            ) : (
              <Card title="Test meta-utility per iteration" description="Mean over repeats with ± 1 standard error bands.">
                <CompareChart rows={rows} runs={summaries.map((s) => ({ runId: s.runId, label: s.label }))} domain={domain} />
              </Card>
            )}
            {runs.length >= 2 && (
              <Card id="significance" title="Is the difference real?" description={`Each run against the first chosen (${label(runs[0]!)}): final test meta-utility per repeat, paired by repeat when both runs were launched with the same seed, otherwise Welch's unequal-variance t-test.`}>
                <div className="space-y-6 divide-y divide-zinc-100 dark:divide-zinc-800">
                  {runs.slice(1).map((other) => {
                    const sample = (run: Run) => ({ runId: run.id, label: label(run), seed: typeof run.config.seed === 'number' ? run.config.seed : null, points: repeatPoints(improvers.filter((i) => i.runId === run.id)) });
                    return (
                      <div key={other.id} className="pt-4 first:pt-0">
                        <PairedComparison a={{ runId: runs[0]!.id, label: label(runs[0]!) }} b={{ runId: other.id, label: label(other) }} comparison={compareRuns(sample(runs[0]!), sample(other))} />
                      </div>
                    );
                  })}
                </div>
              </Card>
            )}
            <Card title="Final numbers" bodyClassName="overflow-x-auto">
              <table className="w-full min-w-[720px] text-sm">
                <thead>
                  <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800">
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
                  {summaries.map((summary) => {
                    const run = runs.find((r) => r.id === summary.runId)!;
                    return (
                      <tr key={summary.runId} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                        <td className="px-4 py-2"><Link href={`/runs/${run.id}`} className="font-medium hover:text-accent-600 dark:hover:text-accent-300">{run.title || run.id}</Link></td>
                        <td className="px-4 py-2"><ModelBadge provider={run.provider} model={run.model} /></td>
                        <td className="px-4 py-2 font-mono text-xs">{taskOf(run)}</td>
                        <td className="px-4 py-2 text-right tabular-nums">{pct(summary.seed)}</td>
                        <td className="px-4 py-2 text-right tabular-nums">{pctPm(summary.final, summary.finalSe)}{summary.finalIteration !== null && <span className="ml-1 text-xs text-zinc-500">(T={summary.finalIteration})</span>}</td>
                        <td className={`px-4 py-2 text-right tabular-nums ${summary.delta === null ? '' : summary.delta > 0 ? 'text-emerald-700 dark:text-emerald-400' : summary.delta < 0 ? 'text-rose-600 dark:text-rose-400' : ''}`}>
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
      </div>
    </>
  );
}
