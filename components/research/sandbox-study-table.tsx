import { TableExports } from '@/components/charts/table-exports';
import { IntervalCell } from '@/components/runs/interval-cell';
import { DataTable, type Column } from '@/components/ui/table';
import { formatPercent, niceMax } from '@/lib/charts/interval';
import { SANDBOX_VARIANT_LABEL, sandboxStudyTable, type SandboxVariantRow } from '@/lib/figures/research-tables';

export interface SandboxStudyView {
  variants: SandboxVariantRow[];
  z: number;
  p_value: number;
}

function columns(max: number): Column<SandboxVariantRow>[] {
  return [
    { key: 'variant', header: 'Variant', cell: (v) => SANDBOX_VARIANT_LABEL[v.name] ?? v.name },
    { key: 'count', header: 'Unsandboxed / n', align: 'right', className: 'tabular-nums', cell: (v) => `${v.unsandboxed} / ${v.n}` },
    { key: 'rate', header: 'Rate', align: 'right', className: 'font-medium tabular-nums', cell: (v) => formatPercent(v.rate, 2) },
    { key: 'interval', header: '95 % Wilson interval', align: 'right', className: 'tabular-nums', cell: (v) => `${formatPercent(v.ci_low, 2)} – ${formatPercent(v.ci_high, 2)}` },
    {
      key: 'bar',
      header: `0 – ${formatPercent(max, 2)}`,
      cell: (v) => <IntervalCell value={v.rate} low={v.ci_low} high={v.ci_high} max={max} label={`${formatPercent(v.rate, 2)}, 95 % interval ${formatPercent(v.ci_low, 2)} to ${formatPercent(v.ci_high, 2)}`} />,
    },
  ];
}

/** Paper Table 2 for one sandbox study, with the test between variants and its exports. */
export function SandboxStudyTable({ result, title, runId }: { result: SandboxStudyView; title: string; runId: string }) {
  const max = niceMax(result.variants.map((v) => v.ci_high));
  return (
    <div>
      <div className="flex justify-end px-4 pt-3">
        <TableExports table={sandboxStudyTable(title, result)} name={`sandbox-study-${runId}`} />
      </div>
      <DataTable label={title} columns={columns(max)} rows={result.variants} rowKey={(v) => v.name} minWidth={760} />
      <p className="border-t border-zinc-100 px-4 py-2.5 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        Two-proportion z-test between variants: z = <span className="tabular-nums">{result.z.toFixed(3)}</span>, p = <span className="tabular-nums">{result.p_value.toFixed(4)}</span>
        {result.p_value < 0.05 ? ' — the rates differ at the 5 % level.' : ' — no significant difference at the 5 % level.'}
      </p>
    </div>
  );
}
