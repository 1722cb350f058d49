import { TableExports } from '@/components/charts/table-exports';
import { IntervalCell } from '@/components/runs/interval-cell';
import { pct } from '@/components/ui/format';
import { DataTable, type Column } from '@/components/ui/table';
import { PAPER_TABLE_1, transferTable, type TransferTableRow } from '@/lib/figures/research-tables';

function ValueWithSe({ value, se }: { value: number; se?: number }) {
  const interval = se !== undefined ? 1.96 * se : 0;
  return (
    <div className="flex items-center justify-end gap-3">
      <span className="tabular-nums">
        {pct(value)}
        {se !== undefined && <span className="ml-1 text-xs text-zinc-600 dark:text-zinc-400">± {(interval * 100).toFixed(1)}</span>}
      </span>
      {se !== undefined && <IntervalCell value={value} low={Math.max(0, value - interval)} high={Math.min(1, value + interval)} max={1} label={`${pct(value)}, 95 % interval`} />}
    </div>
  );
}

const COLUMNS: Column<TransferTableRow>[] = [
  { key: 'task', header: 'Task', className: 'font-mono text-xs', cell: (row) => row.task },
  { key: 'seed', header: 'u(s)', align: 'right', className: 'tabular-nums', cell: (row) => pct(row.utility_seed) },
  { key: 'baseline', header: 'û(I₀) ± 95 %', align: 'right', cell: (row) => <ValueWithSe value={row.meta_utility_baseline} se={row.meta_utility_baseline_standard_error} /> },
  { key: 'improver', header: 'û(I_T) ± 95 %', align: 'right', cell: (row) => <ValueWithSe value={row.meta_utility_improver} se={row.meta_utility_improver_standard_error} /> },
  {
    key: 'paper',
    header: 'Paper (GPT-4)',
    align: 'right',
    className: 'text-xs tabular-nums text-zinc-600 dark:text-zinc-400',
    cell: (row) => PAPER_TABLE_1[row.task]?.map((v) => `${v.toFixed(1)}%`).join(' / ') ?? '—',
  },
];

/** Paper Table 1 for one transfer experiment, with its exports (SVG, PNG, CSV, LaTeX). */
export function TransferTable({ rows, title, runId }: { rows: TransferTableRow[]; title: string; runId: string }) {
  return (
    <div>
      <div className="flex justify-end px-4 pt-3">
        <TableExports table={transferTable(title, rows)} name={`transfer-${runId}`} />
      </div>
      <DataTable label={title} columns={COLUMNS} rows={rows} rowKey={(row) => row.task} minWidth={900} />
    </div>
  );
}

/** Which finished transfer experiments the heatmap shows (a GET form, so the choice is in the URL). */
export function HeatmapChooser({ runs, picked }: { runs: { id: string; label: string }[]; picked: string[] }) {
  return (
    <form action="/transfer" method="get" className="mb-4">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">Improvers to show (each transfer experiment scores one improver on its tasks)</legend>
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
