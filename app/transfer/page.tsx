import type { Metadata } from 'next';
import { loadTransferPage } from '@/app/_lib/transfer-data';
import { TableExports } from '@/components/charts/table-exports';
import { TransferHeatmap } from '@/components/research/transfer-heatmap';
import { TransferLauncher } from '@/components/research/transfer-launcher';
import { HeatmapChooser, TransferTable } from '@/components/research/transfer-table';
import { ExperimentCard } from '@/components/runs/experiment-card';
import { LinkButton } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';
import { heatmapTable, PAPER_TABLE_1 } from '@/lib/figures/research-tables';

export const metadata: Metadata = { title: 'Transfer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TransferPage({ searchParams }: Props) {
  await requireReader('/transfer');
  const { runs, finished, picked, heatmap, admin, improverGroups } = await loadTransferPage((await searchParams).rows);
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
            <TransferLauncher groups={improverGroups} tasks={Object.keys(PAPER_TABLE_1)} />
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
              {result && <TransferTable rows={result.rows} title={`Transfer: ${run.title || run.id}`} runId={run.id} />}
            </ExperimentCard>
          ))}
        </div>
      )}
    </>
  );
}
