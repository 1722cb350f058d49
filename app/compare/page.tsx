import type { Metadata } from 'next';
import { Link } from '@/components/ui/link';
import { loadCompareView } from '@/app/_lib/compare-data';
import { runLabel } from '@/app/_lib/run-summaries';
import { CompareBody } from '@/components/compare/compare-view';
import { ComparisonSharePanel } from '@/components/compare/comparison-share-panel';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listComparisonShares } from '@/db/queries/comparison-shares';
import { listRuns } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { isAdmin, requireReader } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Compare runs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function selectedIds(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? value.split(',') : [];
  return [...new Set(list.map((id) => id.trim()).filter(Boolean))].slice(0, 12);
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
            <span className="max-w-[22rem] truncate">{run.kind === 'baseline' ? 'baseline: ' : ''}{runLabel(run)}</span>
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
  const [candidates, { view, missing }, admin] = await Promise.all([listRuns({ limit: 60, kinds: ['stop', 'baseline'] }), loadCompareView(ids), isAdmin()]);
  const shown = [...view.runs, ...view.baselines].map((run) => run.id);
  const shares = admin && shown.length > 0 ? await listComparisonShares(shown, panels ? 'panels' : 'one') : [];
  return (
    <>
      <PageHeader title="Compare runs" description="Several runs on one chart — for example the same set-up with different models, as in the panels of the paper's Figure 4 — their statistics and final numbers, with baselines as reference lines." />
      <div className="space-y-6">
        {candidates.length === 0 ? (
          <EmptyState title="Nothing to compare yet">Launch two or more STOP runs (or baselines), then tick them here or on the runs list.</EmptyState>
        ) : (
          <Card title="Runs" description="Choose the runs to plot.">
            <RunChooser runs={candidates} selected={ids} panels={panels} />
          </Card>
        )}
        {missing.length > 0 && <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">Unknown run{missing.length > 1 ? 's' : ''}: {missing.join(', ')}</p>}
        {view.runs.length > 0 && (
          <nav aria-label="Layout" className="flex gap-2 text-sm">
            <Link href={layoutHref('one')} aria-current={panels ? undefined : 'page'} className={panels ? 'text-accent-700 hover:underline dark:text-accent-300' : 'font-semibold'}>One chart</Link>
            <span className="text-zinc-500">·</span>
            <Link href={layoutHref('panels')} aria-current={panels ? 'page' : undefined} className={panels ? 'font-semibold' : 'text-accent-700 hover:underline dark:text-accent-300'}>Side by side (the paper&apos;s panels)</Link>
          </nav>
        )}
        <CompareBody view={view} panels={panels} linked />
        {admin && shown.length > 0 && (
          <Card id="share" title="Share this comparison" description="A read-only link to exactly this view (runs, layout, statistics); it shows no model server addresses and stops working when revoked.">
            <ComparisonSharePanel view={{ runs: shown, layout: panels ? 'panels' : 'one' }} links={shares.map((link) => ({ token: link.token, createdAt: link.createdAt.toISOString(), revokedAt: link.revokedAt?.toISOString() ?? null }))} />
          </Card>
        )}
      </div>
    </>
  );
}
