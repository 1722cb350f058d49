import { Link } from '@/components/ui/link';
import { count, ms, pct, pctPm } from '@/components/ui/format';
import type { ResultRow, ResultValue } from '@/lib/runs/experiment-result';

function shown(value: ResultValue): string {
  switch (value.format) {
    case 'percent':
      return value.standardError === undefined ? pct(value.value) : pctPm(value.value, value.standardError);
    case 'count':
      return count(value.value);
    case 'ms':
      return ms(value.value);
    case 'text':
      return value.value;
  }
}

/** The numbers of a finished single experiment (improve, meta-utility, baseline). */
/** Experiments whose tables have pages of their own. */
const EXPERIMENT_PAGES: Record<string, { href: string; name: string }> = {
  transfer: { href: '/transfer', name: 'Transfer' },
  'sandbox-study': { href: '/sandbox-study', name: 'Sandbox study' },
};

export function ExperimentResult({ kind, runId, rows, shared = false }: { kind: string; runId: string; rows: ResultRow[] | null; shared?: boolean }) {
  const page = EXPERIMENT_PAGES[kind];
  if (page && shared) return <p className="text-sm text-zinc-600 dark:text-zinc-400">This experiment&apos;s table is on the {page.name} page of the app.</p>;
  if (page) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This experiment&apos;s table is on the <Link className="text-accent-600 hover:underline dark:text-accent-300" href={`${page.href}#${runId}`}>{page.name} page</Link>.
      </p>
    );
  }
  if (!rows) return <p className="text-sm text-zinc-500" role="status">No result yet: it appears when the run completes.</p>;
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="experiment-result">
      {rows.map((row) => (
        <div key={row.label} className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{row.label}</dt>
          <dd className="mt-1 break-words text-base font-semibold tabular-nums">{shown(row.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
