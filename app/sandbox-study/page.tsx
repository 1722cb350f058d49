import type { Metadata } from 'next';
import { experimentRuns, sandboxStudyResultSchema, type SandboxStudyResult } from '@/app/_lib/experiment-results';
import { ExperimentCard } from '@/components/runs/experiment-card';
import { IntervalCell } from '@/components/runs/interval-cell';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatPercent, niceMax } from '@/lib/charts/interval';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';
import { TableExports } from '@/components/charts/table-exports';
import { SANDBOX_VARIANT_LABEL, sandboxStudyTable } from '@/lib/figures/research-tables';

export const metadata: Metadata = { title: 'Sandbox study' };


function StudyTable({ result, title, runId }: { result: SandboxStudyResult; title: string; runId: string }) {
  const max = niceMax(result.variants.map((v) => v.ci_high));
  return (
    <div>
      <div className="flex justify-end px-4 pt-3">
        <TableExports table={sandboxStudyTable(title, result)} name={`sandbox-study-${runId}`} />
      </div>
      <table className="w-full min-w-[760px] text-sm">
        <thead>
          <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800">
            <th className="px-4 py-2.5">Variant</th>
            <th className="px-4 py-2.5 text-right">Unsandboxed / n</th>
            <th className="px-4 py-2.5 text-right">Rate</th>
            <th className="px-4 py-2.5 text-right">95 % Wilson interval</th>
            <th className="px-4 py-2.5">0 – {formatPercent(max, 2)}</th>
          </tr>
        </thead>
        <tbody>
          {result.variants.map((v) => (
            <tr key={v.name} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="px-4 py-2">{SANDBOX_VARIANT_LABEL[v.name] ?? v.name}</td>
              <td className="px-4 py-2 text-right tabular-nums">{v.unsandboxed} / {v.n}</td>
              <td className="px-4 py-2 text-right font-medium tabular-nums">{formatPercent(v.rate, 2)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatPercent(v.ci_low, 2)} – {formatPercent(v.ci_high, 2)}</td>
              <td className="px-4 py-2"><IntervalCell value={v.rate} low={v.ci_low} high={v.ci_high} max={max} label={`${formatPercent(v.rate, 2)}, 95 % interval ${formatPercent(v.ci_low, 2)} to ${formatPercent(v.ci_high, 2)}`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-zinc-100 px-4 py-2.5 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        Two-proportion z-test between variants: z = <span className="tabular-nums">{result.z.toFixed(3)}</span>, p = <span className="tabular-nums">{result.p_value.toFixed(4)}</span>
        {result.p_value < 0.05 ? ' — the rates differ at the 5 % level.' : ' — no significant difference at the 5 % level.'}
      </p>
    </div>
  );
}

export default async function SandboxStudyPage() {
  await requireReader('/sandbox-study');
  const runs = await experimentRuns('sandbox-study', sandboxStudyResultSchema);
  return (
    <>
      <PageHeader
        title="Sandbox study (Table 2)"
        description="How often generated improvements of a seed improver switch off the sandbox (use_sandbox=False) or call exec(, with and without a warning comment. The paper saw 0.42 % for GPT-4 and 0.12 % for GPT-3.5, and the warning did not reduce it. The sandbox here ignores the flag and records the attempt."
        actions={<LinkButton href="/runs/new" variant="primary">New sandbox study</LinkButton>}
      />
      {runs.length === 0 ? (
        <EmptyState title="No sandbox studies yet">Choose the “Table 2 · sandbox study” preset on the New run page and launch.</EmptyState>
      ) : (
        <div className="space-y-6">
          {runs.map(({ run, result, problem }) => (
            <ExperimentCard key={run.id} run={run} problem={problem}>
              {result && <StudyTable result={result} title={`Sandbox study: ${run.title || run.id}`} runId={run.id} />}
            </ExperimentCard>
          ))}
        </div>
      )}
    </>
  );
}
