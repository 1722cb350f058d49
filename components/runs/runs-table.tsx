import { Link } from '@/components/ui/link';
import { Fragment } from 'react';
import { seedDiffHref } from '@/components/diff/diff-href';
import { ModelBadge, StatusBadge } from '@/components/ui/badge';
import { dateTime, pct } from '@/components/ui/format';
import { RunLabelsEditor } from './run-labels-form';
import { Sparkline } from './sparkline';
import { EDITED_SEED, sortHref, runSubtitleParts, type RunRow, type SortKey, type TableQuery } from './table-view';

const KIND_LABEL: Record<string, string> = {
  stop: 'STOP',
  transfer: 'transfer',
  'sandbox-study': 'sandbox study',
  improve: 'improve',
  'meta-utility': 'meta-utility',
  baseline: 'baseline',
};

export const COMPARE_FORM_ID = 'compare-selected';

function runHref(row: RunRow): string {
  if (row.kind === 'transfer') return `/transfer#${row.id}`;
  if (row.kind === 'sandbox-study') return `/sandbox-study#${row.id}`;
  return `/runs/${row.id}`;
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return null;
  const tone = delta > 0 ? 'text-emerald-700 dark:text-emerald-400' : delta < 0 ? 'text-rose-700 dark:text-rose-400' : 'text-zinc-500';
  return <span className={`ml-1.5 text-xs ${tone}`}>{`${delta >= 0 ? '+' : '−'}${(Math.abs(delta) * 100).toFixed(1)}`}</span>;
}

const COLUMNS: { key: SortKey; label: string; align?: 'right' }[] = [
  { key: 'title', label: 'Run' },
  { key: 'status', label: 'Status' },
  { key: 'task', label: 'Task' },
  { key: 'model', label: 'Model' },
  { key: 'final', label: 'Final test û', align: 'right' },
];

function SortHeader({ column, query }: { column: (typeof COLUMNS)[number]; query: TableQuery }) {
  const active = query.sort === column.key;
  return (
    <th className={`py-2.5 pr-4 ${column.align === 'right' ? 'text-right' : ''}`} aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link href={sortHref(query, column.key)} className="hover:text-accent-700 dark:hover:text-accent-300" data-testid={`sort-${column.key}`}>
        {column.label}
        {active ? (query.dir === 'asc' ? ' ↑' : ' ↓') : ''}
      </Link>
    </th>
  );
}

/** The runs table: sortable headers (links, so the sort lives in the URL), labels editable by the admin. */
export function RunsTable({ rows, query, editable }: { rows: RunRow[]; query: TableQuery; editable: boolean }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
      <table className="w-full min-w-[760px] text-sm" data-testid="runs-table">
        <thead>
          <tr className="border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <th className="w-10 py-2.5 pl-4"><span className="sr-only">Select for comparison</span></th>
            {COLUMNS.map((column) => <SortHeader key={column.key} column={column} query={query} />)}
            <th className="py-2.5 pr-4">Curve</th>
            <SortHeader column={{ key: 'created', label: 'Created' }} query={query} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="run-row" data-run-id={row.id} className="border-b border-zinc-100 align-top last:border-0 hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-800/40">
              <td className="py-2.5 pl-4">
                {(row.kind === 'stop' || row.kind === 'baseline') && (
                  <input type="checkbox" form={COMPARE_FORM_ID} name="runs" value={row.id} aria-label={`Compare ${row.title}`} className="h-4 w-4 rounded border-zinc-300 accent-accent-600" />
                )}
              </td>
              <td className="max-w-sm py-2.5 pr-4">
                <Link href={runHref(row)} className="font-medium text-zinc-900 hover:text-accent-700 dark:text-zinc-100 dark:hover:text-accent-300" data-testid="run-title">
                  {row.title}
                </Link>
                <div className="mt-0.5 text-[11px] text-zinc-600 dark:text-zinc-400">
                  {runSubtitleParts(row).map((part, index) => (
                    <Fragment key={index}>
                      {index > 0 && ' · '}
                      {part === EDITED_SEED ? (
                        <Link href={seedDiffHref(row.id, row.seedOrigin ?? undefined)} className="underline decoration-dotted hover:text-accent-700 dark:hover:text-accent-300" title={`Diff against the ${row.seedOrigin === 'paper-seed' ? "paper's seed" : 'stock seed'}`} data-testid="edited-seed-link">{part}</Link>
                      ) : part}
                    </Fragment>
                  ))}
                </div>
                <div className="mt-0.5 font-mono text-[11px] text-zinc-600 dark:text-zinc-400">{KIND_LABEL[row.kind] ?? row.kind} · {row.id}</div>
                {row.tags.length > 0 && (
                  <div className="mt-1 flex flex-wrap gap-1" data-testid="run-tags">
                    {row.tags.map((tag) => <span key={tag} className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] dark:bg-zinc-800">{tag}</span>)}
                  </div>
                )}
                {row.note && <p className="mt-1 whitespace-pre-line text-xs text-zinc-700 dark:text-zinc-300" data-testid="run-note">{row.note}</p>}
                {editable && (
                  <RunLabelsEditor runId={row.id} title={row.title} tags={row.tags} note={row.note} />
                )}
              </td>
              <td className="py-2.5 pr-4">
                <StatusBadge status={row.status} />
                {row.error && <p className="mt-1 max-w-[14rem] text-[11px] text-rose-700 dark:text-rose-300" data-testid="run-error">{row.error}</p>}
              </td>
              <td className="py-2.5 pr-4 font-mono text-xs">{row.taskId}</td>
              <td className="py-2.5 pr-4"><ModelBadge provider={row.provider} model={row.model} /></td>
              <td className="py-2.5 pr-4 text-right tabular-nums" data-testid="run-final">
                {row.final ? (
                  <>
                    {pct(row.final.mean)}
                    <Delta delta={row.final.delta} />
                  </>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </td>
              <td className="py-2.5 pr-4">
                <Sparkline values={row.perIteration} label={`Test meta-utility per iteration of ${row.title}`} />
              </td>
              <td className="whitespace-nowrap py-2.5 pr-4 text-xs text-zinc-600 dark:text-zinc-400">{dateTime(new Date(row.createdAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
