import type { ReactNode } from 'react';
import type { RunView } from '@/lib/runs/views';
import { isActive } from '@/lib/runs/status';
import { ModelBadge, StatusBadge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { dateTime } from '@/components/ui/format';
import { Notice } from '@/components/ui/notice';
import { RefreshWhenRunEnds } from './refresh-when-run-ends';

/** One experiment run: header facts, then its table, or why there is none yet. */
export function ExperimentCard({ run, problem, children }: { run: RunView; problem: string | null; children: ReactNode | null }) {
  return (
    <Card
      id={run.id}
      title={run.title || run.id}
      description={<span className="font-mono">{run.id} · {dateTime(run.createdAt)}</span>}
      actions={
        <>
          <ModelBadge provider={run.provider} model={run.model} />
          <StatusBadge status={run.status} />
        </>
      }
      bodyClassName="overflow-x-auto"
    >
      {problem ? (
        <div className="p-4"><Notice tone="error" title="No result">{problem}</Notice></div>
      ) : children ?? (
        isActive(run.status) ? (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="experiment-running">
            Running… the result appears here when the run ends.
            <RefreshWhenRunEnds runId={run.id} />
          </p>
        ) : (
          <p className="p-4 text-sm text-zinc-600 dark:text-zinc-400" role="status">No result was recorded.</p>
        )
      )}
    </Card>
  );
}
