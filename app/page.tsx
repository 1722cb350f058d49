import { runRows } from '@/app/_lib/run-summaries';
import { readStockSeeds } from '@/app/_lib/stock-seed';
import { ImportBundleForm } from '@/components/runs/import-bundle-form';
import { RunGroups } from '@/components/runs/run-groups';
import { RunsFilters } from '@/components/runs/runs-filters';
import { COMPARE_FORM_ID, RunsTable } from '@/components/runs/runs-table';
import { RunsPager } from '@/components/runs/runs-pager';
import { applyTableQuery, filterOptions, groupRows, pageOf, parseTableQuery, type RunRow, type TableQuery } from '@/components/runs/table-view';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { listRunListings } from '@/db/queries/runs';
import { isAdmin, requireReader } from '@/lib/auth/session';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RunsPage({ searchParams }: Props) {
  await requireReader('/');
  const [loaded, admin, params] = await Promise.all([load(), isAdmin(), searchParams]);
  const query = parseTableQuery(params);
  return (
    <>
      <PageHeader
        eyebrow="Self-Taught Optimizer"
        title="Runs"
        description="Each STOP run applies an LM-powered improver to its own source, round after round, and measures the test meta-utility of every iteration."
        actions={admin && <LinkButton href="/runs/new" variant="primary">New run</LinkButton>}
      />
      {'error' in loaded ? (
        <Notice tone="error" title="The runs could not be read from the database">{loaded.error}</Notice>
      ) : loaded.rows.length === 0 ? (
        <EmptyState
          title="No runs yet"
          action={admin && <LinkButton href="/runs/new" variant="primary">Start your first run</LinkButton>}
        >
          <p>
            Open <strong>New run</strong>, edit the seed improver if you like, pick a preset (Figure 4 on learning parity with
            noise is a good start) and launch. The built-in <em>scripted</em> model works offline and costs nothing.
          </p>
          <p className="mt-2">
            From a terminal: <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">npm run stop -- --help</code>
          </p>
        </EmptyState>
      ) : (
        <RunsView rows={loaded.rows} query={query} editable={admin} />
      )}
      {admin && (
        <div className="mt-10">
          <ImportBundleForm />
        </div>
      )}
    </>
  );
}

function RunsView({ rows, query, editable }: { rows: RunRow[]; query: TableQuery; editable: boolean }) {
  const shown = applyTableQuery(rows, query);
  return (
    <>
      <RunsFilters query={query} options={filterOptions(rows)} />
      <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="runs-count">{shown.length} of {rows.length} runs</p>
      {query.group ? (
        <RunGroups groups={groupRows(shown, query.group)} by={query.group} query={query} editable={editable} />
      ) : (
        <TablePages rows={shown} query={query} editable={editable} />
      )}
      <form id={COMPARE_FORM_ID} action="/compare" method="get" className="mt-3 flex items-center gap-3">
        <button type="submit" className="rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800">
          Compare selected
        </button>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">Tick two or more STOP runs or baselines to plot them on one chart.</span>
      </form>
    </>
  );
}

function TablePages({ rows, query, editable }: { rows: RunRow[]; query: TableQuery; editable: boolean }) {
  const page = pageOf(rows, query);
  return (
    <>
      <RunsTable rows={page.rows} query={query} editable={editable} />
      <RunsPager page={page} total={rows.length} />
    </>
  );
}

async function load() {
  try {
    return { rows: await runRows(await listRunListings({ limit: 200, stockSeeds: await readStockSeeds() })) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
