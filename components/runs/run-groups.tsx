import { LazyCompareChart } from '@/components/charts/lazy-compare-chart';
import { ComparisonSharePanel } from '@/components/compare/comparison-share-panel';
import { Card } from '@/components/ui/card';
import { compareData } from '@/lib/charts/compare';
import { RunsTable } from './runs-table';
import { groupPoints, type GroupKey, type RunGroup, type TableQuery } from './table-view';

/** The group's runs a comparison can show (STOP runs and baselines, at most 12). */
function comparable(group: RunGroup): string[] {
  return group.rows.filter((row) => row.kind === 'stop' || row.kind === 'baseline').slice(0, 12).map((row) => row.id);
}

/** Runs grouped by model or task: one chart with each group's curve (all its runs' repeats pooled), then each group's runs. */
export function RunGroups({ groups, by, query, editable }: { groups: RunGroup[]; by: GroupKey; query: TableQuery; editable: boolean }) {
  const inputs = groups.map((group) => ({ runId: `group-${group.key}`, label: `${by} ${group.key} (${group.rows.length} run${group.rows.length === 1 ? '' : 's'})`, points: groupPoints(group) }));
  const { rows, summaries, domain } = compareData(inputs);
  return (
    <div className="space-y-6" data-testid="run-groups">
      <Card title={`Test meta-utility per iteration, by ${by}`} description="Each group's runs pooled: mean over all their repeats with ± 1 standard error bands.">
        <LazyCompareChart rows={rows} runs={summaries.map((summary) => ({ runId: summary.runId, label: summary.label }))} domain={domain} />
      </Card>
      {groups.map((group) => (
        <section key={group.key} aria-label={`${by} ${group.key}`} data-testid="run-group" data-group={group.key}>
          <h2 className="mb-2 text-sm font-semibold">{by}: {group.key} <span className="font-normal text-zinc-600 dark:text-zinc-400">· {group.rows.length} run{group.rows.length === 1 ? '' : 's'}</span></h2>
          <RunsTable rows={group.rows} query={query} editable={editable} />
          {editable && comparable(group).length > 0 && (
            <div className="mt-2">
              <ComparisonSharePanel view={{ runs: comparable(group), layout: 'one', group: `${by} ${group.key}` }} links={[]} label="Share this group" />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
