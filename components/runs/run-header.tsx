import { Link } from '@/components/ui/link';
import type { RunView } from '@/lib/runs/views';
import { Badge, ModelBadge } from '@/components/ui/badge';
import { dateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';

function configValue(run: RunView, key: string): string | null {
  const value = run.config[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** Title and the settings that define the run (what a reader needs to interpret the chart). */
export function RunHeader({ run, linkParent = true, seedDiffHref }: { run: RunView; linkParent?: boolean; seedDiffHref?: string }) {
  const facts: [string, string | null][] = [
    ['task', configValue(run, 'taskId')],
    ['iterations', configValue(run, 'iterations')],
    ['repeats', configValue(run, 'repeats')],
    ['copies', configValue(run, 'copies')],
    ['adoption', configValue(run, 'adoption')],
    ['temperature', configValue(run, 'temperature')],
  ];
  return (
    <PageHeader
      eyebrow={`${run.kind === 'stop' ? 'STOP run' : run.kind} · ${run.id}`}
      title={run.title || run.id}
      description={
        <span className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
          <ModelBadge provider={run.provider} model={run.model} />
          {run.sandboxLevel && (
            <Badge tone={run.sandboxLevel === 'limits-only' ? 'danger' : 'neutral'} title="Sandbox isolation used by this run">
              sandbox: {run.sandboxLevel}
              {run.sandboxLevel === 'limits-only' ? ' (unsafe)' : ''}
            </Badge>
          )}
          {facts
            .filter((fact): fact is [string, string] => fact[1] !== null)
            .map(([label, value]) => (
              <span key={label} className="text-xs">
                <span className="text-zinc-500">{label}</span> <span className="font-medium text-zinc-800 dark:text-zinc-200">{value}</span>
              </span>
            ))}
          {seedDiffHref && (
            <Link className="text-xs text-accent-600 hover:underline dark:text-accent-300" href={seedDiffHref} title="Diff against the stock seed" data-testid="edited-seed-link">
              edited seed
            </Link>
          )}
          <span className="text-xs text-zinc-500">created {dateTime(run.createdAt)}</span>
          {run.parentRunId && (
            <span className="text-xs text-zinc-500">
              {run.forkIteration === null ? 'imported from' : 'forked from'}{' '}
              {linkParent ? (
                <Link className="text-accent-600 hover:underline dark:text-accent-300" href={`/runs/${run.parentRunId}`}>{run.parentRunId}</Link>
              ) : (
                run.parentRunId
              )}
              {run.forkIteration === null ? '' : ` at iteration ${run.forkIteration}`}
            </span>
          )}
        </span>
      }
    />
  );
}
