import type { Metadata } from 'next';
import { experimentRuns, transferResultSchema, type TransferResult } from '@/app/_lib/experiment-results';
import { ExperimentCard } from '@/components/runs/experiment-card';
import { IntervalCell } from '@/components/runs/interval-cell';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { pct } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';
import { TransferHeatmap } from '@/components/research/transfer-heatmap';
import { Card } from '@/components/ui/card';
import { transferHeatmap } from '@/lib/charts/heatmap';
import { TransferLauncher } from '@/components/research/transfer-launcher';
import { listImproversOfRuns } from '@/db/queries/improvers';
import { listRuns } from '@/db/queries/runs';
import { isAdmin } from '@/lib/auth/session';
import { TableExports } from '@/components/charts/table-exports';
import { heatmapTable, PAPER_TABLE_1, transferTable } from '@/lib/figures/research-tables';

export const metadata: Metadata = { title: 'Transfer' };

function ValueWithSe({ value, se }: { value: number; se?: number }) {
  const interval = se !== undefined ? 1.96 * se : 0;
  return (
    <div className="flex items-center justify-end gap-3">
      <span className="tabular-nums">
        {pct(value)}
        {se !== undefined && <span className="ml-1 text-xs text-zinc-500">± {(interval * 100).toFixed(1)}</span>}
      </span>
      {se !== undefined && <IntervalCell value={value} low={Math.max(0, value - interval)} high={Math.min(1, value + interval)} max={1} label={`${pct(value)}, 95 % interval`} />}
    </div>
  );
}

function TransferTable({ result, title, runId }: { result: TransferResult; title: string; runId: string }) {
  return (
    <div>
    <div className="flex justify-end px-4 pt-3">
      <TableExports table={transferTable(title, result.rows)} name={`transfer-${runId}`} />
    </div>
    <table className="w-full min-w-[900px] text-sm">
      <thead>
        <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800">
          <th className="px-4 py-2.5">Task</th>
          <th className="px-4 py-2.5 text-right">u(s)</th>
          <th className="px-4 py-2.5 text-right">û(I₀) ± 95 %</th>
          <th className="px-4 py-2.5 text-right">û(I_T) ± 95 %</th>
          <th className="px-4 py-2.5 text-right">Paper (GPT-4)</th>
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row) => {
          const paper = PAPER_TABLE_1[row.task];
          return (
            <tr key={row.task} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="px-4 py-2 font-mono text-xs">{row.task}</td>
              <td className="px-4 py-2 text-right tabular-nums">{pct(row.utility_seed)}</td>
              <td className="px-4 py-2"><ValueWithSe value={row.meta_utility_baseline} se={row.meta_utility_baseline_standard_error} /></td>
              <td className="px-4 py-2"><ValueWithSe value={row.meta_utility_improver} se={row.meta_utility_improver_standard_error} /></td>
              <td className="px-4 py-2 text-right text-xs tabular-nums text-zinc-500">{paper ? paper.map((v) => `${v.toFixed(1)}%`).join(' / ') : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}

function HeatmapChooser({ runs, picked }: { runs: { id: string; label: string }[]; picked: string[] }) {
  return (
    <form action="/transfer" method="get" className="mb-4">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-2 text-xs text-zinc-500">Improvers to show (each transfer experiment scores one improver on its tasks)</legend>
        {runs.map((run) => (
          <label key={run.id} className="flex cursor-pointer items-center gap-2 rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm has-checked:border-accent-500 has-checked:bg-accent-50 dark:border-zinc-800 dark:bg-zinc-900 dark:has-checked:bg-accent-500/10">
            <input type="checkbox" name="rows" value={run.id} defaultChecked={picked.includes(run.id)} className="accent-accent-600" />
            <span className="max-w-[16rem] truncate">{run.label}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="mt-3 rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700">Show</button>
    </form>
  );
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TransferPage({ searchParams }: Props) {
  await requireReader('/transfer');
  const runs = await experimentRuns('transfer', transferResultSchema);
  const query = (await searchParams).rows;
  const finished = runs.filter((entry) => entry.result).map(({ run, result }) => ({ id: run.id, label: run.title || run.id, rows: result!.rows }));
  const requested = Array.isArray(query) ? query : query ? [query] : null;
  const picked = requested ? finished.filter((entry) => requested.includes(entry.id)).map((entry) => entry.id) : finished.map((entry) => entry.id);
  const heatmap = transferHeatmap(finished.filter((entry) => picked.includes(entry.id)));
  const admin = await isAdmin();
  const stopRuns = admin ? await listRuns({ kinds: ['stop'], limit: 30 }) : [];
  const stopImprovers = await listImproversOfRuns(stopRuns.map((run) => run.id));
  const groups = stopRuns.map((run) => ({
    runId: run.id,
    label: `${run.title || run.id} (${run.id})`,
    improvers: stopImprovers
      .filter((improver) => improver.runId === run.id && (improver.adopted || improver.iteration === 0))
      .map((improver) => ({ id: improver.id, label: `repeat ${improver.repeat} · iteration ${improver.iteration}${improver.testMetaUtility !== null ? ` — test ${pct(improver.testMetaUtility)}` : ''}` })),
  }));
  return (
    <>
      <PageHeader
        title="Transfer (Table 1)"
        description="An improver found by STOP on one task, applied to others: the seed solution's utility u(s), the seed improver's meta-utility û(I₀), and the improved improver's û(I_T), all on held-out test instances. Intervals are ± 1.96 standard errors over copies."
        actions={<LinkButton href="/runs/new" variant="primary">New transfer experiment</LinkButton>}
      />
      {admin && (
        <div className="mb-6">
          <Card id="measure" title="Measure an improver on other tasks" description="Pick an improver from any STOP run; a transfer experiment scores it against its run's seed improver and adds a row to the heatmap when it finishes.">
            <TransferLauncher groups={groups} tasks={Object.keys(PAPER_TABLE_1)} />
          </Card>
        </div>
      )}
      {runs.length === 0 ? (
        <EmptyState title="No transfer experiments yet">Choose the “Table 1 · transfer” preset on the New run page, paste the improver to transfer into the editor, and launch.</EmptyState>
      ) : (
        <div className="space-y-6">
          {finished.length > 0 && (
            <Card id="heatmap" title="Gain over the seed improver" description="Improvers (rows) on tasks (columns): test meta-utility of the improver minus the seed improver's. Hover a cell for the numbers and the interval.">
              <HeatmapChooser runs={finished} picked={picked} />
              {heatmap.rows.length > 0 && heatmap.tasks.length > 0 && <div className="mb-3"><TableExports table={heatmapTable(heatmap)} name="transfer-heatmap" /></div>}
              <TransferHeatmap data={heatmap} />
            </Card>
          )}
          {runs.map(({ run, result, problem }) => (
            <ExperimentCard key={run.id} run={run} problem={problem}>
              {result && <TransferTable result={result} title={`Transfer: ${run.title || run.id}`} runId={run.id} />}
            </ExperimentCard>
          ))}
        </div>
      )}
    </>
  );
}
