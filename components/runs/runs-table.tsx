import Link from 'next/link';
import type { RunSummary } from '@/app/_lib/run-summaries';
import { ModelBadge, StatusBadge } from '@/components/ui/badge';
import { dateTime, pct } from '@/components/ui/format';
import { Sparkline } from './sparkline';

const KIND_LABEL: Record<string, string> = {
  stop: 'STOP',
  transfer: 'transfer',
  'sandbox-study': 'sandbox study',
  improve: 'improve',
  'meta-utility': 'meta-utility',
  baseline: 'baseline',
};

function runHref(summary: RunSummary): string {
  if (summary.run.kind === 'transfer') return `/transfer#${summary.run.id}`;
  if (summary.run.kind === 'sandbox-study') return `/sandbox-study#${summary.run.id}`;
  return `/runs/${summary.run.id}`;
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return null;
  const tone = delta > 0 ? 'text-emerald-700 dark:text-emerald-400' : delta < 0 ? 'text-rose-600 dark:text-rose-400' : 'text-zinc-500';
  return <span className={`ml-1.5 text-xs ${tone}`}>{`${delta >= 0 ? '+' : '−'}${(Math.abs(delta) * 100).toFixed(1)}`}</span>;
}

/** The runs list; checkboxes feed the compare page through an ordinary GET form. */
export function RunsTable({ summaries }: { summaries: RunSummary[] }) {
  return (
    <form action="/compare" method="get">
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className="w-full min-w-[760px] text-sm">
          <thead>
            <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <th className="w-10 py-2.5 pl-4"><span className="sr-only">Select for comparison</span></th>
              <th className="py-2.5 pr-4">Run</th>
              <th className="py-2.5 pr-4">Status</th>
              <th className="py-2.5 pr-4">Task</th>
              <th className="py-2.5 pr-4">Model</th>
              <th className="py-2.5 pr-4 text-right">Final test û</th>
              <th className="py-2.5 pr-4">Curve</th>
              <th className="py-2.5 pr-4">Created</th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((summary) => (
              <tr key={summary.run.id} className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-800/40">
                <td className="py-2.5 pl-4">
                  {summary.run.kind === 'stop' && (
                    <input
                      type="checkbox"
                      name="runs"
                      value={summary.run.id}
                      aria-label={`Compare ${summary.run.title}`}
                      className="h-4 w-4 rounded border-zinc-300 accent-accent-600"
                    />
                  )}
                </td>
                <td className="max-w-xs py-2.5 pr-4">
                  <Link href={runHref(summary)} className="font-medium text-zinc-900 hover:text-accent-600 dark:text-zinc-100 dark:hover:text-accent-300">
                    {summary.run.title || summary.run.id}
                  </Link>
                  <div className="mt-0.5 font-mono text-[11px] text-zinc-500">
                    {KIND_LABEL[summary.run.kind] ?? summary.run.kind} · {summary.run.id}
                  </div>
                </td>
                <td className="py-2.5 pr-4"><StatusBadge status={summary.run.status} /></td>
                <td className="py-2.5 pr-4 font-mono text-xs">{summary.taskId}</td>
                <td className="py-2.5 pr-4"><ModelBadge provider={summary.run.provider} model={summary.run.model} /></td>
                <td className="py-2.5 pr-4 text-right tabular-nums">
                  {summary.final ? (
                    <>
                      {pct(summary.final.mean)}
                      <Delta delta={summary.final.delta} />
                    </>
                  ) : (
                    <span className="text-zinc-400">—</span>
                  )}
                </td>
                <td className="py-2.5 pr-4">
                  <Sparkline values={summary.perIteration} label={`Test meta-utility per iteration of ${summary.run.title}`} />
                </td>
                <td className="whitespace-nowrap py-2.5 pr-4 text-xs text-zinc-500">{dateTime(summary.run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800">
          Compare selected
        </button>
        <span className="text-xs text-zinc-500">Tick two or more STOP runs to plot them on one chart.</span>
      </div>
    </form>
  );
}
