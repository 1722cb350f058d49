import { Link } from '@/components/ui/link';
import type { TablePage } from './table-view';

const LINK = 'rounded-lg border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';

/** Where the page is in the runs list, with links to the neighbouring pages (the page lives in the URL). */
export function RunsPager({ page, total }: { page: TablePage; total: number }) {
  if (page.pages <= 1) return null;
  return (
    <nav aria-label="Pages of runs" className="mt-3 flex items-center gap-3" data-testid="runs-pager">
      {page.previousHref ? <Link href={page.previousHref} className={LINK} rel="prev">← Previous page</Link> : null}
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        Runs {page.first}–{page.last} of {total} · page {page.page} of {page.pages}
      </span>
      {page.nextHref ? <Link href={page.nextHref} className={LINK} rel="next">Next page →</Link> : null}
    </nav>
  );
}
