import { Badge, type Tone } from '@/components/ui/badge';
import { dateTime } from '@/components/ui/format';
import { DataTable, type Column } from '@/components/ui/table';
import type { WorkerView } from '@/lib/queue/workers-view';

const STATE_TONE: Record<WorkerView['state'], Tone> = { live: 'success', lost: 'danger', stopped: 'neutral' };

const COLUMNS: Column<WorkerView>[] = [
  {
    key: 'id',
    header: 'Worker',
    cell: (worker) => (
      <>
        <code className="font-mono text-xs">{worker.id}</code>
        {worker.kind === 'coordinator' && <span className="ml-1.5 text-xs text-zinc-600 dark:text-zinc-400">(local slots)</span>}
      </>
    ),
  },
  { key: 'state', header: 'State', cell: (worker) => <Badge tone={STATE_TONE[worker.state]}>{worker.state}</Badge> },
  { key: 'host', header: 'Host', cell: (worker) => <>{worker.host} <span className="text-xs text-zinc-600 dark:text-zinc-400">pid {worker.pid}</span></> },
  { key: 'slots', header: 'Slots', align: 'right', className: 'tabular-nums', cell: (worker) => worker.slots },
  {
    key: 'isolation',
    header: 'Isolation',
    cell: (worker) => (
      <>
        {worker.isolation}
        {worker.accepts.length > 0 && <span className="block text-xs text-zinc-600 dark:text-zinc-400">takes {worker.accepts.join(', ')} jobs</span>}
      </>
    ),
  },
  { key: 'python', header: 'Python', cell: (worker) => `${worker.python}${worker.numpy ? ' + numpy' : ''}` },
  { key: 'done', header: 'Done', align: 'right', className: 'tabular-nums', cell: (worker) => worker.jobsDone },
  { key: 'jobs-running', header: 'Running', align: 'right', className: 'tabular-nums', cell: (worker) => worker.jobsRunning },
  { key: 'failed', header: 'Failed', align: 'right', className: 'tabular-nums', cell: (worker) => worker.jobsFailed },
  { key: 'seen', header: 'Last seen', className: 'whitespace-nowrap', cell: (worker) => dateTime(worker.lastSeen) },
];

/** The processes that run sandboxed evaluations from the job queue, with their counters. */
export function WorkersTable({ workers }: { workers: WorkerView[] }) {
  return <DataTable label="Evaluation workers" columns={COLUMNS} rows={workers} rowKey={(worker) => worker.id} rowProps={(worker) => ({ 'data-worker-id': worker.id })} minWidth={760} dense />;
}
