import { Link } from '@/components/ui/link';
import { FILTER_KEYS, type FilterKey, type TableQuery } from './table-view';

const LABELS: Record<FilterKey, string> = { task: 'Task', model: 'Model', kind: 'Kind', status: 'Status', tag: 'Tag' };
const FIELD = 'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Search, filters and grouping of the runs table: an ordinary GET form, so the view lives in the URL. */
export function RunsFilters({ query, options }: { query: TableQuery; options: Record<FilterKey, string[]> }) {
  return (
    <form action="/" method="get" className="mb-4 flex flex-wrap items-end gap-3 text-xs" role="search" aria-label="Filter runs">
      {query.sort !== 'created' && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir !== 'desc' && <input type="hidden" name="dir" value={query.dir} />}
      <label className="grid gap-1 font-medium">
        Search
        <input type="search" name="q" defaultValue={query.q} placeholder="title, note, tag, id…" className={`${FIELD} w-56`} />
      </label>
      {FILTER_KEYS.map((key) => (
        <div key={key} className="grid gap-1">
          <label htmlFor={`filter-${key}`} className="font-medium">{LABELS[key]}</label>
          <select id={`filter-${key}`} name={key} defaultValue={query.filters[key]} className={FIELD}>
            <option value="">all</option>
            {options[key].map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </div>
      ))}
      <div className="grid gap-1">
        <label htmlFor="filter-group" className="font-medium">Group by</label>
        <select id="filter-group" name="group" defaultValue={query.group ?? ''} className={FIELD}>
          <option value="">no grouping</option>
          <option value="model">model</option>
          <option value="task">task</option>
        </select>
      </div>
      <button type="submit" className="rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700">Apply</button>
      <Link href="/" className="py-1.5 text-sm text-accent-700 hover:underline dark:text-accent-300">Clear</Link>
    </form>
  );
}
